using MediatR;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>An internal note on an order (Admin and Support). Null when there is no such order.</summary>
internal sealed record AddOrderNote(string Number, string Text, OrderActor Actor) : ICommand<OrderActionResult?>;

internal sealed class AddOrderNoteHandler(OrderingDbContext db, TimeProvider clock, OrderChangeEvents changes) : IRequestHandler<AddOrderNote, OrderActionResult?>
{
    public async Task<OrderActionResult?> Handle(AddOrderNote request, CancellationToken cancellationToken)
    {
        if (await db.ByNumberAsync(request.Number, cancellationToken) is not { } order)
        {
            return null;
        }

        var result = order.AddNote(request.Text ?? string.Empty, request.Actor.Email, clock.GetUtcNow().UtcDateTime);
        if (result.Done)
        {
            changes.StaffAction(request.Actor, order, "order.note", null);
        }

        return result;
    }
}
