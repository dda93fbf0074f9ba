using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;

namespace Nexus.EndToEndTests.Audits;

/// <summary>
/// The order the page audits open: two physical lines, paid, one of them shipped with a tracking link, a refund
/// confirmed and one pending, and an internal note — so the order pages are audited with every section they can draw.
/// Written to the database directly (the buying journeys are CheckoutJourneyTests').
/// </summary>
internal static class AuditedOrder
{
    public static async Task<string> SeedAsync(NexusHostFactory host, string customerId)
    {
        var address = new AddressSnapshot("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", null, "GB", null);
        var lamp = new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "AUDIT-LAMP", "Desk Lamp", "Brass", 1, 4500, 4500, false);
        var mug = new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "AUDIT-MUG", "Enamel Mug", "", 2, 900, 1800, false);
        var draft = new OrderDraft(Guid.NewGuid().ToString("N"), Guid.NewGuid(), customerId, "audit-customer@example.com", "USD", [lamp, mug], 6300, 0, 630, 599, 7529, null, "standard", address, address);
        var now = DateTime.UtcNow;
        var order = Order.Create(draft, now);
        order.CompletePlacement(now);
        order.MarkPaid(Guid.NewGuid(), now);
        var lampLine = order.Lines.Single(l => l.Sku == "AUDIT-LAMP");
        order.Ship([new OrderLineQuantity(lampLine.Id, 1)], Carriers.All.First(), "1Z999AA10123456784", now);
        var mugLine = order.Lines.Single(l => l.Sku == "AUDIT-MUG");
        var refunded = order.RequestRefund(900, "One mug arrived chipped", [new OrderLineQuantity(mugLine.Id, 1)], "audit-admin", now).Refund!;
        order.RefundSucceeded(refunded.Id, now);
        order.RequestRefund(500, "Goodwill for the wait", [], "audit-admin", now);
        order.AddNote("Customer asked for gift wrapping.", "audit-admin", now);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Number;
    }
}
