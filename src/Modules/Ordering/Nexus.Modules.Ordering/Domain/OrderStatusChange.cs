namespace Nexus.Modules.Ordering.Domain;

/// <summary>One entry of an order's timeline: from, to, when and why.</summary>
internal sealed class OrderStatusChange
{
    public const int NoteMaxLength = 200;

    private OrderStatusChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public OrderStatus? From { get; private set; }

    public OrderStatus To { get; private set; }

    public string? Note { get; private set; }

    public DateTime At { get; private set; }

    public static OrderStatusChange Of(Guid orderId, OrderStatus? from, OrderStatus to, string? note, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        OrderId = orderId,
        From = from,
        To = to,
        Note = note is { Length: > NoteMaxLength } ? note[..NoteMaxLength] : note,
        At = at,
    };
}
