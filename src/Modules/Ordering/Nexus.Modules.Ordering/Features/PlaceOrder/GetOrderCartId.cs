using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.PlaceOrder;

/// <summary>The cart an order was placed from (to empty it when a retried checkout resumes placing).</summary>
internal sealed record GetOrderCartId(Guid OrderId) : IQuery<Guid>;

internal sealed class GetOrderCartIdHandler(OrderingDbContext db) : IRequestHandler<GetOrderCartId, Guid>
{
    public Task<Guid> Handle(GetOrderCartId request, CancellationToken cancellationToken) =>
        db.Orders.Where(o => o.Id == request.OrderId).Select(o => o.CartId).FirstOrDefaultAsync(cancellationToken);
}
