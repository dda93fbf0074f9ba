using Nexus.Modules.Ordering.Domain;

namespace Nexus.UnitTests.Ordering;

/// <summary>Orders for the unit tests.</summary>
internal static class Orders
{
    public static readonly AddressSnapshot Address = new("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", null, "GB", null);

    public static Order New(string? customerId = "user-1") => Order.Create(
        new OrderDraft(
            Guid.NewGuid().ToString("N"),
            Guid.NewGuid(),
            customerId,
            "ada@example.com",
            "USD",
            [new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "SKU-1", "Lamp", "Brass", 2, 1500, 3000, false)],
            3000,
            0,
            300,
            599,
            3899,
            null,
            "standard",
            Address,
            Address),
        new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc));
}
