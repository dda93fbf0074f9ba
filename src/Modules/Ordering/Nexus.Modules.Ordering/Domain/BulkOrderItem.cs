namespace Nexus.Modules.Ordering.Domain;

/// <summary>One order of a bulk action and what came of it (waiting, done, or refused with the order's sentence).</summary>
internal sealed class BulkOrderItem
{
    public const int MessageMaxLength = 300;

    private BulkOrderItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid RunId { get; private set; }

    public int Position { get; private set; }

    public string OrderNumber { get; private set; } = string.Empty;

    /// <summary>Null while waiting; true done; false refused (or no such order).</summary>
    public bool? Done { get; private set; }

    public string? Message { get; private set; }

    public static BulkOrderItem Of(Guid runId, int position, string orderNumber) => new()
    {
        Id = Guid.CreateVersion7(),
        RunId = runId,
        Position = position,
        OrderNumber = orderNumber,
    };

    public bool Finish(bool done, string message)
    {
        if (Done is not null)
        {
            return false;
        }

        Done = done;
        Message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
        return true;
    }
}
