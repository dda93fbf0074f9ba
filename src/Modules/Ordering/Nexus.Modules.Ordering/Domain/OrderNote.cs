namespace Nexus.Modules.Ordering.Domain;

/// <summary>An internal note on an order, for the people who run the shop; customers never see it.</summary>
internal sealed class OrderNote
{
    public const int TextMaxLength = 2000;

    private OrderNote()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public string Author { get; private set; } = string.Empty;

    public DateTime At { get; private set; }

    public static OrderNote Of(Guid orderId, string text, string author, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        OrderId = orderId,
        Text = text,
        Author = author.Length > 256 ? author[..256] : author,
        At = at,
    };
}
