namespace Nexus.Modules.Ordering.Domain;

/// <summary>
/// A bulk action a member of staff started on many orders ("mark processing" on 1,000 of them): who, when, how far it
/// got. A background job works through its <see cref="BulkOrderItem"/>s; the progress page reads the counts.
/// </summary>
internal sealed class BulkOrderRun
{
    public const int MaxOrders = 5000;

    private BulkOrderRun()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>What is done to each order ("processing").</summary>
    public string Action { get; private set; } = string.Empty;

    public string ActorId { get; private set; } = string.Empty;

    public string ActorEmail { get; private set; } = string.Empty;

    public DateTime RequestedAt { get; private set; }

    public int Total { get; private set; }

    public int Processed { get; private set; }

    public int Succeeded { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public int Percent => Total == 0 ? 100 : (int)(Processed * 100L / Total);

    public static BulkOrderRun Start(string action, string actorId, string actorEmail, int total, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        Action = action,
        ActorId = actorId,
        ActorEmail = actorEmail.Length > 256 ? actorEmail[..256] : actorEmail,
        Total = total,
        RequestedAt = now,
        FinishedAt = total == 0 ? now : null,
    };

    public void Record(BulkOrderItem item, bool done, string message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.Finish(done, message))
        {
            return;
        }

        Processed++;
        if (done)
        {
            Succeeded++;
        }

        if (Processed >= Total)
        {
            FinishedAt = now;
        }
    }
}
