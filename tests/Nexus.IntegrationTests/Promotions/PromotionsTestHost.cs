using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Promotions.Contracts;
using Nexus.Modules.Promotions.Data;
using Nexus.Modules.Promotions.Domain;
using Nexus.Modules.Promotions.Features.ManageCoupons;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Promotions;

/// <summary>Coupons made through the module's own command, and requests sent as another module sends them (a scope each).</summary>
internal static class PromotionsTestHost
{
    public static async Task<T> SendAsync<T>(this NexusHostFactory host, IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public static async Task<Guid> CouponAsync(
        this NexusHostFactory host,
        string code,
        CouponKind kind = CouponKind.Percent,
        int? percent = 10,
        long? amount = null,
        long minimum = 0,
        DateTime? starts = null,
        DateTime? ends = null,
        int? perCustomer = null,
        int? cap = null,
        bool active = true)
    {
        var result = await host.SendAsync(new SaveCoupon(null, code, $"Test coupon {code}", kind, kind == CouponKind.Percent ? percent : null, kind == CouponKind.FixedAmount ? amount : null, starts, ends, minimum, perCustomer, cap, active));
        result.Outcome.Should().Be(SaveCouponOutcome.Saved);
        return result.Id!.Value;
    }

    public static async Task<(int UsedCount, int Active, int Released)> UsageAsync(this NexusHostFactory host, Guid couponId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PromotionsDbContext>();
        var used = await db.Coupons.AsNoTracking().Where(c => c.Id == couponId).Select(c => c.UsedCount).SingleAsync();
        var active = await db.Redemptions.CountAsync(r => r.CouponId == couponId && r.ReleasedAt == null);
        var released = await db.Redemptions.CountAsync(r => r.CouponId == couponId && r.ReleasedAt != null);
        return (used, active, released);
    }

    /// <summary>
    /// <paramref name="count"/> checkouts at once, each in its own scope (as concurrent requests are), released
    /// together so they really race.
    /// </summary>
    public static async Task<CouponEvaluation[]> RedeemAtOnceAsync(this NexusHostFactory host, int count, Func<int, RedeemCoupon> request)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await host.SendAsync(request(i));
        })).ToArray();
        start.Release(count);
        return await Task.WhenAll(tasks);
    }
}
