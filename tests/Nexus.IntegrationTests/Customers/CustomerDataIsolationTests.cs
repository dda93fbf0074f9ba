using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.IntegrationTests.Identity;
using Nexus.Modules.Customers.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Customers;

/// <summary>
/// Customer A can never read or change customer B's profile, addresses or wishlist — tried by tampering with
/// ids in URLs and forms. Ownership always comes from the sign-in, never from the request.
/// </summary>
internal sealed class CustomerDataIsolationTests
{
    private NexusHostFactory host = null!;
    private Guid productA;
    private Guid productB;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = new NexusHostFactory().WithTestAuthentication();
        using var anonymous = host.CreateClient();
        var page = await anonymous.GetFromJsonAsync<JsonElement>("/api/catalog/products");
        var ids = page.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        (productA, productB) = (ids[0], ids[1]);
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Another_customers_address_cannot_be_read_changed_or_deleted_by_id()
    {
        using var alice = Client("alice-1");
        using var bob = Client("bob-1");
        (await alice.PostFormAsync("/account/addresses", Address("Alice Able", "1 Apple Street"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var aliceAddress = await SingleAddressIdAsync("alice-1");

        (await bob.GetAsync($"/account/addresses/{aliceAddress}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var bobsEditForm = await bob.GetStringAsync("/account/addresses"); // a page of Bob's own for an antiforgery token
        using var edit = new FormUrlEncodedContent(new Dictionary<string, string>(Address("Bob Hijack", "6 Evil Road")) { ["__RequestVerificationToken"] = FormPoster.TokenOf(bobsEditForm) });
        (await bob.PostAsync($"/account/addresses/{aliceAddress}", edit)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var delete = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FormPoster.TokenOf(bobsEditForm) });
        (await bob.PostAsync($"/account/addresses/{aliceAddress}?handler=Delete", delete)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await bob.GetStringAsync("/account/addresses")).Should().NotContain("Alice Able");
        await using var scope = host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<CustomersDbContext>().Addresses.SingleAsync(a => a.Id == aliceAddress);
        stored.FullName.Should().Be("Alice Able");
        stored.UserId.Should().Be("alice-1");
    }

    [Test]
    public async Task A_profile_post_changes_only_the_signed_in_customers_profile_whatever_ids_it_carries()
    {
        using var alice = Client("alice-2");
        using var bob = Client("bob-2");
        await alice.PostFormAsync("/account/profile", new Dictionary<string, string> { ["Input.DisplayName"] = "Alice", ["Input.Phone"] = "+44 20 7946 0000" });
        await bob.PostFormAsync("/account/profile", new Dictionary<string, string> { ["Input.DisplayName"] = "Mallory", ["UserId"] = "alice-2", ["Input.UserId"] = "alice-2", ["userId"] = "alice-2" });

        (await alice.GetStringAsync("/account/profile")).Should().Contain("value=\"Alice\"").And.NotContain("Mallory");
        (await bob.GetStringAsync("/account/profile")).Should().Contain("value=\"Mallory\"").And.NotContain("7946");
    }

    [Test]
    public async Task Wishlists_are_separate_and_removing_by_product_id_touches_only_your_own()
    {
        using var alice = Client("alice-3");
        using var bob = Client("bob-3");
        (await alice.PostFormAsync("/account/wishlist?handler=Add", new Dictionary<string, string> { ["productId"] = productA.ToString() })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await bob.PostFormAsync("/account/wishlist?handler=Add", new Dictionary<string, string> { ["productId"] = productB.ToString() });

        await bob.PostFormAsync("/account/wishlist", new Dictionary<string, string> { ["productId"] = productA.ToString() }, handler: "Remove");

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        (await db.Wishlist.Where(i => i.UserId == "alice-3").Select(i => i.ProductId).ToListAsync()).Should().Equal(productA);
        (await db.Wishlist.Where(i => i.UserId == "bob-3").Select(i => i.ProductId).ToListAsync()).Should().Equal(productB);
        (await bob.GetStringAsync("/account/wishlist")).Should().Contain("data-testid=\"wishlist-item\"");
    }

    [Test]
    public async Task The_data_export_holds_only_the_customers_own_data()
    {
        using var alice = Client("alice-4");
        using var bob = Client("bob-4");
        await alice.PostFormAsync("/account/addresses", Address("Alice Export", "4 Apple Street"));
        await alice.PostFormAsync("/account/wishlist?handler=Add", new Dictionary<string, string> { ["productId"] = productA.ToString() });
        await bob.PostFormAsync("/account/addresses", Address("Bob Export", "5 Berry Lane"));

        var response = await alice.GetAsync("/account/export");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain("nexus-my-data.json");
        var json = await response.Content.ReadAsStringAsync();
        json.Should().Contain("Alice Export").And.Contain(productA.ToString()).And.NotContain("Bob Export");
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("addresses").GetArrayLength().Should().Be(1);
        document.RootElement.GetProperty("addresses")[0].GetProperty("isDefaultShipping").GetBoolean().Should().BeTrue("the first address is the default");
    }

    [Test]
    public async Task An_invalid_address_is_refused_field_by_field_and_nothing_is_saved()
    {
        using var carol = Client("carol-5");
        var response = await carol.PostFormAsync("/account/addresses", new Dictionary<string, string>(Address("", "1 Road")) { ["Input.PostalCode"] = "!!", ["Input.CountryCode"] = "XX1" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Enter the recipient&#x27;s name.").And.Contain("Enter a postal code").And.Contain("Choose a country.");
        await using var scope = host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<CustomersDbContext>().Addresses.CountAsync(a => a.UserId == "carol-5")).Should().Be(0);
    }

    [Test]
    public async Task Deleting_the_account_needs_the_password_and_removes_the_customer_data()
    {
        var user = await IdentityTestUsers.CreateAsync(host, "leaver@example.com", NexusRoles.Customer);
        using var leaver = Client(user.Id);
        await leaver.PostFormAsync("/account/addresses", Address("Lea Ver", "9 Exit Road"));
        await leaver.PostFormAsync("/account/profile", new Dictionary<string, string> { ["Input.DisplayName"] = "Lea" });

        var wrong = await leaver.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = "not-it" });
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("That is not your password.");

        var deleted = await leaver.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = IdentityTestUsers.Password });
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // Customers forgets the shopper through Identity's integration event, shortly after the deletion committed.
        await Eventually.TrueAsync(
            async () =>
            {
                await using var check = host.Services.CreateAsyncScope();
                var customers = check.ServiceProvider.GetRequiredService<CustomersDbContext>();
                return await customers.Addresses.CountAsync(a => a.UserId == user.Id) == 0 && await customers.Profiles.CountAsync(p => p.UserId == user.Id) == 0;
            },
            TimeSpan.FromSeconds(20),
            "the shopper's addresses and profile should be removed");
        await using var scope = host.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<Nexus.Modules.Identity.Data.IdentityStoreDbContext>();
        (await identity.Users.CountAsync(u => u.Id == user.Id)).Should().Be(0);
    }

    private HttpClient Client(string userId) => host.CreateClientAs(userId, NexusRoles.Customer);

    private async Task<Guid> SingleAddressIdAsync(string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CustomersDbContext>().Addresses.Where(a => a.UserId == userId).Select(a => a.Id).SingleAsync();
    }

    private static Dictionary<string, string> Address(string name, string line1) => new()
    {
        ["Input.FullName"] = name,
        ["Input.Line1"] = line1,
        ["Input.City"] = "London",
        ["Input.PostalCode"] = "SW1A 1AA",
        ["Input.CountryCode"] = "GB",
    };
}
