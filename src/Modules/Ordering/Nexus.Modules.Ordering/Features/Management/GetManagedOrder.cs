using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>An order with everything the back office shows of it (lines, shipments, refunds, timeline, notes); null when unknown.</summary>
internal sealed record GetManagedOrder(string Number) : IQuery<Order?>;

internal sealed class GetManagedOrderHandler(OrderingDbContext db) : IRequestHandler<GetManagedOrder, Order?>
{
    public Task<Order?> Handle(GetManagedOrder request, CancellationToken cancellationToken) =>
        OrderNumber.LooksValid(request.Number)
            ? db.Orders.AsNoTracking().WithEverything().FirstOrDefaultAsync(o => o.Number == request.Number, cancellationToken)
            : Task.FromResult<Order?>(null);
}
