using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// Issue 16, "done when": refunds never exceed what was paid, also when several admins refund the same order at the
/// same moment — the order's version lets one refund pass its check at a time (docs/decisions/0024); on SQLite and
/// on PostgreSQL.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
internal sealed class ConcurrentRefundTests(string provider)
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => host = provider == "Postgres" ? await OrderingShop.HostOnPostgresAsync() : OrderingShop.Host();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Four_admins_refunding_sixty_percent_each_at_once_refund_it_once()
    {
        var variant = await host.ProductAsync($"OM-RACE-{provider}", 5, 5000);
        using var customer = host.CreateClientAs($"customer-race-{provider}", "Customer");
        using var placed = await customer.BuyAsync(variant);
        var number = OrderingShop.NumberIn(placed.Location());
        var paid = (await host.ManagedOrderAsync(number)).PaidMinor;
        paid.Should().BeGreaterThan(0);
        var each = paid * 6 / 10;

        using var start = new ManualResetEventSlim();
        var admins = Enumerable.Range(1, 4).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = host.Services.CreateAsyncScope();
            var management = scope.ServiceProvider.GetRequiredService<OrderManagement>();
            return await management.RefundAsync(number, each, $"Admin {i} refunds", [], new OrderActor($"admin-{i}", $"admin{i}@example.com", true), CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(admins);

        results.Count(r => r!.Done).Should().Be(1, string.Join(" | ", results.Select(r => r!.Message)));
        results.Where(r => !r!.Done).Should().OnlyContain(r => r!.Message.Contains("more than is left to refund", StringComparison.Ordinal));
        await Eventually.TrueAsync(async () => (await host.ManagedOrderAsync(number)).Refunds.All(r => r.Status != OrderRefundStatus.Pending), TimeSpan.FromSeconds(20), "the refund was confirmed");
        var order = await host.ManagedOrderAsync(number);
        order.Refunds.Should().ContainSingle();
        order.RefundedMinor.Should().Be(each).And.BeLessThanOrEqualTo(paid);
        order.Status.Should().Be(OrderStatus.Paid, "part of the money went back; the goods are still to ship");
    }
}
