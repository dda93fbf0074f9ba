using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Promotions.Data;
using Nexus.Modules.Promotions.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Promotions.Seeding;

/// <summary>
/// The demo shop's coupons, so its cart has codes to try (README, "Demo coupons"): <c>WELCOME10</c> (10% off, once per
/// customer), <c>SAVE5</c> ($5.00 off an order of $30.00 or more) and <c>LAUNCH50</c> (50% off, the first 10 uses only).
/// Added once, to a shop without coupons: a shop that changed or deleted them is left as it is.
/// </summary>
internal sealed class PromotionsDemoSeeder(PromotionsDbContext db, IOptions<PromotionsOptions> options, TimeProvider clock) : IModuleSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Coupons.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var currency = options.Value.Currency;
        db.Coupons.AddRange(
            Demo("WELCOME10", "10% off your first order", CouponKind.Percent, 10, null, 0, perCustomer: 1, cap: null),
            Demo("SAVE5", "$5.00 off orders of $30.00 or more", CouponKind.FixedAmount, null, 500, 3000, perCustomer: null, cap: null),
            Demo("LAUNCH50", "50% off for the first 10 orders", CouponKind.Percent, 50, null, 0, perCustomer: 1, cap: 10));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        Coupon Demo(string code, string description, CouponKind kind, int? percent, long? amount, long minimum, int? perCustomer, int? cap) => new()
        {
            Id = Guid.CreateVersion7(),
            Code = code,
            Description = description,
            Kind = kind,
            PercentOff = percent,
            AmountOffMinor = amount,
            Currency = currency,
            MinimumSubtotalMinor = minimum,
            PerCustomerLimit = perCustomer,
            UsageCap = cap,
            Active = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
