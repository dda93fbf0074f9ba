using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Modules.Payments.Contracts;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Ordering.Pages.Admin.Orders;

/// <summary>
/// One order in the back office: lines, addresses, payment and refunds, shipments, timeline, internal notes, and a
/// form for each action the order's state machine allows now and the user's role may take. Admin: everything;
/// Support: notes and resending the e-mail (the other posts are refused whatever the page showed).
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class DetailModel(IMediator mediator, IAuthorizationService authorization, OrderManagement management) : PageModel
{
    public Order Order { get; private set; } = null!;

    public PaymentDetails? Payment { get; private set; }

    public bool IsAdmin { get; private set; }

    [TempData(Key = "OrderingAdminMessage")]
    public string? Message { get; set; }

    [TempData(Key = "OrderingAdminRefused")]
    public bool Refused { get; set; }

    public bool CanMarkProcessing => StaffOrderActions.CanMarkProcessing(Order, IsAdmin);

    public bool CanShip => StaffOrderActions.CanShip(Order, IsAdmin);

    public bool CanMarkDelivered => StaffOrderActions.CanMarkDelivered(Order, IsAdmin);

    public bool CanCancel => StaffOrderActions.CanCancel(Order, IsAdmin);

    public bool CanRefund => StaffOrderActions.CanRefund(Order, IsAdmin);

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetManagedOrder(number), cancellationToken) is not { } order)
        {
            return NotFound();
        }

        Order = order;
        IsAdmin = await IsAdminAsync();
        Payment = order.PaymentId is { } paymentId ? await mediator.Send(new GetPayment(paymentId), cancellationToken) : null;
        return Page();
    }

    public Task<IActionResult> OnPostProcessingAsync(string number, CancellationToken cancellationToken) =>
        AdminActionAsync(number, () => mediator.Send(new MarkOrderProcessing(number, OrderActor.Staff(User)), cancellationToken));

    public Task<IActionResult> OnPostDeliveredAsync(string number, CancellationToken cancellationToken) =>
        AdminActionAsync(number, () => mediator.Send(new MarkOrderDelivered(number, OrderActor.Staff(User)), cancellationToken));

    /// <param name="ship">Units to ship per line id (form fields <c>ship[line id]</c>); none: everything not shipped yet.</param>
    public Task<IActionResult> OnPostShipAsync(string number, string? carrier, string? trackingNumber, Dictionary<Guid, int>? ship, CancellationToken cancellationToken) =>
        AdminActionAsync(number, () => ship is { Count: > 0 } && ship.Values.All(q => q == 0)
            ? Task.FromResult<OrderActionResult?>(OrderActionResult.Refused("Choose at least one unit to ship."))
            : management.WithRetriesAsync(() => mediator.Send(
                new ShipOrder(number, carrier ?? string.Empty, trackingNumber ?? string.Empty, Quantities(ship), OrderActor.Staff(User)), cancellationToken)));

    public Task<IActionResult> OnPostCancelAsync(string number, string? reason, CancellationToken cancellationToken) =>
        AdminActionAsync(number, () => management.CancelAsync(number, reason ?? string.Empty, OrderActor.Staff(User), cancellationToken));

    /// <param name="amount">In the order's currency ("12.50"); empty: the price of the units chosen in <paramref name="refund"/>.</param>
    /// <param name="refund">Units refunded per line id (form fields <c>refund[line id]</c>).</param>
    public async Task<IActionResult> OnPostRefundAsync(string number, string? amount, string? reason, Dictionary<Guid, int>? refund, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync())
        {
            return Forbid();
        }

        if (await mediator.Send(new GetManagedOrder(number), cancellationToken) is not { } order)
        {
            return NotFound();
        }

        var lines = Quantities(refund);
        long? amountMinor = string.IsNullOrWhiteSpace(amount)
            ? lines.Count == 0 ? null : order.PriceOf(lines)
            : MoneyInput.ParseMinor(amount);
        if (amountMinor is not { } minor)
        {
            return Answer(number, OrderActionResult.Refused("Enter the amount to refund (like 12.50), or choose the units to refund."));
        }

        return Answer(number, await management.RefundAsync(number, minor, reason ?? string.Empty, lines, OrderActor.Staff(User), cancellationToken));
    }

    public async Task<IActionResult> OnPostNoteAsync(string number, string? text, CancellationToken cancellationToken) =>
        Answer(number, await management.WithRetriesAsync(() => mediator.Send(new AddOrderNote(number, text ?? string.Empty, OrderActor.Staff(User)), cancellationToken)));

    public async Task<IActionResult> OnPostResendAsync(string number, CancellationToken cancellationToken) =>
        Answer(number, await mediator.Send(new ResendOrderEmail(number, OrderActor.Staff(User)), cancellationToken));

    private static List<OrderLineQuantity> Quantities(Dictionary<Guid, int>? chosen) =>
        chosen is null ? [] : [.. chosen.Where(c => c.Value != 0).Select(c => new OrderLineQuantity(c.Key, c.Value))];

    private async Task<IActionResult> AdminActionAsync(string number, Func<Task<OrderActionResult?>> act)
    {
        if (!await IsAdminAsync())
        {
            return Forbid();
        }

        return Answer(number, await act());
    }

    private IActionResult Answer(string number, OrderActionResult? result)
    {
        if (result is null)
        {
            return NotFound();
        }

        Message = result.Message;
        Refused = !result.Done;
        return Redirect($"/admin/orders/{number}");
    }

    private async Task<bool> IsAdminAsync() => (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
}
