using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Payments.Contracts;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// The order actions that reach beyond Ordering, as steps that each commit on their own (docs/decisions/0024):
/// a refund is first recorded on the order as pending (its own commit, guarded by the order's version), then asked of
/// Payments with the order refund's id; a cancellation commits, then gives the stock back through the release path and
/// asks for the refund of what was paid. A step that dies half-way leaves something visible: a pending refund on the
/// order page, a cancelled order whose release the unpaid-order job finishes.
/// </summary>
internal sealed class OrderManagement(IMediator mediator, OrderingDbContext db, UnpaidOrderSweep release)
{
    /// <summary>Tries of a command that lost a race on the order's version (another admin, a webhook) before giving up.</summary>
    public const int MaxAttempts = 4;

    public async Task<OrderActionResult?> RefundAsync(string number, long amountMinor, string reason, IReadOnlyList<OrderLineQuantity> lines, OrderActor actor, CancellationToken cancellationToken)
    {
        var step = await WithRetriesAsync(() => mediator.Send(new RequestOrderRefund(number, amountMinor, reason, lines, actor), cancellationToken));
        if (step?.Refund is { } refund)
        {
            return await AskPaymentsAsync(refund, step.Result, cancellationToken);
        }

        return step?.Result;
    }

    public async Task<OrderActionResult?> CancelAsync(string number, string reason, OrderActor actor, CancellationToken cancellationToken)
    {
        var step = await WithRetriesAsync(() => mediator.Send(new CancelOrder(number, reason, actor), cancellationToken));
        if (step is null || !step.Result.Done)
        {
            return step?.Result;
        }

        // A paid order's units were sold (committed): they go back on sale too.
        await release.ReleaseAsync(step.OrderId, number, "order cancelled", includeSold: true, cancellationToken);
        return step.Refund is { } refund ? await AskPaymentsAsync(refund, step.Result, cancellationToken) : step.Result;
    }

    /// <summary>A command on an order, retried when another change of the same order committed first (it re-reads and re-checks).</summary>
    public async Task<T?> WithRetriesAsync<T>(Func<Task<T?>> send)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(send);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<OrderActionResult> AskPaymentsAsync(PaymentRefundRequest refund, OrderActionResult recorded, CancellationToken cancellationToken)
    {
        var answer = await mediator.Send(new RefundPayment(refund.PaymentId, refund.AmountMinor, refund.Reason, refund.RefundId), cancellationToken);
        switch (answer.Outcome)
        {
            case RefundOutcome.Succeeded:
                // Confirmed: Payments' RefundSucceeded settles the order's refund through the inbox, once.
                return recorded;
            case RefundOutcome.Pending:
                return OrderActionResult.Ok($"{recorded.Message} The payment provider has not confirmed the refund yet; it shows as pending until it does.");
            default:
                var message = answer.Message ?? "The payment provider refused the refund.";
                await WithRetriesAsync<object>(async () => await mediator.Send(new MarkOrderRefundFailed(refund.OrderNumber, refund.RefundId, message), cancellationToken));
                return recorded.Done && recorded.Message.StartsWith("The order is cancelled", StringComparison.Ordinal)
                    ? OrderActionResult.Ok($"The order is cancelled, but its refund was refused: {message}")
                    : OrderActionResult.Refused($"The refund was refused: {message}");
        }
    }
}
