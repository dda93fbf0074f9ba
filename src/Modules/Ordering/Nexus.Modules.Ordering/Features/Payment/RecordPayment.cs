using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Payment;

/// <summary>The shopper's request learnt that the payment was captured (the confirm answer or a refresh): mark the order paid.</summary>
internal sealed record RecordPaymentSucceeded(Guid PaymentId, string OrderNumber) : ICommand<PaymentApplication?>;

/// <summary>The order is being paid with this payment now (the latest one opened for it).</summary>
internal sealed record UsePayment(Guid OrderId, Guid PaymentId) : ICommand<bool>;

internal sealed class RecordPaymentHandlers(OrderingDbContext db, OrderPaymentRecorder recorder, TimeProvider clock)
    : IRequestHandler<RecordPaymentSucceeded, PaymentApplication?>, IRequestHandler<UsePayment, bool>
{
    public Task<PaymentApplication?> Handle(RecordPaymentSucceeded request, CancellationToken cancellationToken) =>
        recorder.SucceededAsync(request.PaymentId, request.OrderNumber, cancellationToken);

    public async Task<bool> Handle(UsePayment request, CancellationToken cancellationToken)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == request.OrderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.Pending)
        {
            return false;
        }

        order.UsePayment(request.PaymentId, clock.GetUtcNow().UtcDateTime);
        return true;
    }
}
