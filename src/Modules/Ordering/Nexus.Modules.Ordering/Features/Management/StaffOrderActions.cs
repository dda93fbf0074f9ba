using Nexus.Modules.Ordering.Domain;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Which actions a member of staff is offered on an order now: the back-office page draws a form for each, the API
/// lists them in <c>allowedActions</c>. Offering is a courtesy — the order's own methods decide again when the action
/// arrives (the page may be a minute old) — but both faces must offer the same, so it is decided here once.
/// Admin: everything the order's state allows; Support: notes and resending the e-mail.
/// </summary>
internal static class StaffOrderActions
{
    public const string MarkProcessing = "processing";
    public const string Ship = "ship";
    public const string MarkDelivered = "delivered";
    public const string Cancel = "cancel";
    public const string Refund = "refund";
    public const string AddNote = "note";
    public const string ResendEmail = "resend-email";

    public static bool CanMarkProcessing(Order order, bool isAdmin) => isAdmin && order.Status == OrderStatus.Paid;

    public static bool CanShip(Order order, bool isAdmin) =>
        isAdmin && order.Status is OrderStatus.Paid or OrderStatus.Processing && !order.FullyShipped;

    public static bool CanMarkDelivered(Order order, bool isAdmin) => isAdmin && order.Status == OrderStatus.Shipped;

    public static bool CanCancel(Order order, bool isAdmin) =>
        isAdmin && order.Status is OrderStatus.Pending or OrderStatus.Paid or OrderStatus.Processing && order.Shipments.Count == 0;

    public static bool CanRefund(Order order, bool isAdmin) => isAdmin && order.RefundableMinor > 0;

    public static IReadOnlyList<string> For(Order order, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(order);
        var actions = new List<string>(7);
        if (CanMarkProcessing(order, isAdmin))
        {
            actions.Add(MarkProcessing);
        }

        if (CanShip(order, isAdmin))
        {
            actions.Add(Ship);
        }

        if (CanMarkDelivered(order, isAdmin))
        {
            actions.Add(MarkDelivered);
        }

        if (CanCancel(order, isAdmin))
        {
            actions.Add(Cancel);
        }

        if (CanRefund(order, isAdmin))
        {
            actions.Add(Refund);
        }

        actions.Add(AddNote);
        actions.Add(ResendEmail);
        return actions;
    }
}
