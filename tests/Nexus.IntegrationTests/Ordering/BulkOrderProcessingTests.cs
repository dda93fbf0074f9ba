using System.Net;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// Issue 16, bulk: the order list's checked orders posted to <c>/admin/orders/bulk/processing</c> become a Hangfire
/// job (scheduling on in this host) that marks each one processing, with a progress page and a result per order.
/// </summary>
internal sealed class BulkOrderProcessingTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = OrderingShop.Host(new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true", ["Scheduling:PollInterval"] = "00:00:00.5" });

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task A_bulk_mark_processing_runs_as_a_job_with_a_result_for_each_order()
    {
        var paid = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            paid.Add(await BuyAsync($"OM-BULK{i}"));
        }

        var shipped = await BuyAsync("OM-BULK-SHIPPED");
        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);
        using (await admin.PostFormAsync($"/admin/orders/{shipped}", new Dictionary<string, string> { ["carrier"] = "ups", ["trackingNumber"] = "B1" }, handler: "Ship"))
        {
        }

        // The list page posts one "numbers" field per checked order.
        var token = FormPoster.TokenOf(await admin.GetStringAsync("/admin/orders/bulk/processing"));
        var fields = paid.Append(shipped).Append("NX-ZZZZZZZZ").Append("not-a-number").Select(n => new KeyValuePair<string, string>("numbers", n))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
        using var start = await admin.PostAsync("/admin/orders/bulk/processing", new FormUrlEncodedContent(fields));
        start.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var statusPage = start.Headers.Location!.ToString();
        statusPage.Should().StartWith("/admin/orders/bulk/");

        await Eventually.TrueAsync(async () => (await admin.GetStringAsync(statusPage)).Contains("Finished:", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the job worked through every order");
        var page = await admin.GetStringAsync(statusPage);
        page.Should().Contain("Finished: 12 of 14 marked processing").And.Contain("There is no such order.").And.Contain("An order that is shipped cannot be marked processing.");
        foreach (var number in paid)
        {
            (await OrderAsync(number)).Status.Should().Be(OrderStatus.Processing);
        }

        using var support = host.CreateClientAs("support-orders", NexusRoles.Support);
        using var refused = await support.GetAsync(statusPage);
        refused.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        using var empty = await admin.PostFormAsync("/admin/orders/bulk/processing", new Dictionary<string, string> { ["numbers"] = "nothing here" });
        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        (await empty.Content.ReadAsStringAsync()).Should().Contain("Choose between 1 and");
    }

    private async Task<string> BuyAsync(string sku)
    {
        var variant = await host.ProductAsync($"{sku}-{Guid.NewGuid().ToString("N")[..6]}", 10, 1500);
        using var customer = host.CreateClientAs($"customer-{sku.ToLowerInvariant()}", NexusRoles.Customer);
        using var placed = await customer.BuyAsync(variant);
        var number = OrderingShop.NumberIn(placed.Location());
        (await OrderAsync(number)).Status.Should().Be(OrderStatus.Paid);
        return number;
    }

    private Task<Order> OrderAsync(string number) => host.ManagedOrderAsync(number);
}
