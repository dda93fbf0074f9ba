using Nexus.Modules.Promotions.Contracts;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Promotions;

/// <summary>The cap and the per-customer limit on PostgreSQL, where redemptions really run in parallel (row locks, not one writer).</summary>
internal sealed class PostgresCouponTests
{
    [Test]
    public async Task The_cap_and_the_per_customer_limit_hold_under_concurrency_on_postgres()
    {
        using var host = await NexusHostFactory.OnPostgresAsync();
        var capped = await host.CouponAsync("CAP10-PG", cap: 10);
        var outcomes = await host.RedeemAtOnceAsync(100, i => new RedeemCoupon("CAP10-PG", $"pg-cap-order-{i}", $"pg-customer-{i}", 10_000, "USD"));
        outcomes.Count(o => o.Applies).Should().Be(10);
        outcomes.Where(o => !o.Applies).Should().OnlyContain(o => o.Message == "The code CAP10-PG has been used up.");
        (await host.UsageAsync(capped)).Should().Be((10, 10, 0));

        var limited = await host.CouponAsync("TWICE-PG", perCustomer: 2);
        var mine = await host.RedeemAtOnceAsync(40, i => new RedeemCoupon("TWICE-PG", $"pg-twice-order-{i}", "greedy@example.com", 10_000, "USD"));
        mine.Count(o => o.Applies).Should().Be(2);
        (await host.UsageAsync(limited)).Should().Be((2, 2, 0));

        var raced = await host.RedeemAtOnceAsync(20, _ => new RedeemCoupon("TWICE-PG", "pg-same-order", "someone@example.com", 10_000, "USD"));
        raced.Should().OnlyContain(o => o.Applies);
        var releases = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => host.SendAsync(new ReleaseCouponRedemption("pg-same-order")))));
        releases.Should().OnlyContain(r => r);
        (await host.UsageAsync(limited)).Should().Be((2, 2, 1));
    }
}
