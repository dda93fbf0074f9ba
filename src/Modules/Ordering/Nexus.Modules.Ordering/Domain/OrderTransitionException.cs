namespace Nexus.Modules.Ordering.Domain;

/// <summary>A status change the rules do not allow (a bug or a race the caller must handle, never a shopper's input).</summary>
internal sealed class OrderTransitionException : InvalidOperationException
{
    public OrderTransitionException(string number, OrderStatus from, OrderStatus to)
        : base($"Order {number} cannot move from {from} to {to}.")
    {
        From = from;
        To = to;
    }

    public OrderTransitionException()
    {
    }

    public OrderTransitionException(string message)
        : base(message)
    {
    }

    public OrderTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrderStatus From { get; }

    public OrderStatus To { get; }
}
