using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Customers;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Identity.Contracts.Events;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Messaging;
using Nexus.Testing;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// Deleting an account is one Identity transaction — the user row and the <see cref="UserAccountDeleted"/> outbox row —
/// and Customers forgets the shopper through the integration event (inbox, retries), in one transaction of its own.
/// Real SQLite, in-process transport.
/// </summary>
internal sealed class AccountDeletionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private NexusHostFactory host = null!;
    private Guid product;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        // A retry comes 1–2 s after a failure (base 2 s, 50–100 % jitter): long enough to look at the state in between.
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Events:RetryBaseDelay"] = "00:00:02" })
            .WithTestAuthentication()
            .WithServices(services =>
            {
                // A second Customers handler for the event, registered after the real one: it runs in the same scope
                // and unit of work, so when it throws, nothing the real handler removed may be committed.
                services.AddSingleton<FailingForgetters>();
                services.AddIntegrationEventHandler<UserAccountDeleted, FailOnceForSomeUsers>(CustomersModule.Name);
            });
        using var anonymous = host.CreateClient();
        var page = await anonymous.GetFromJsonAsync<JsonElement>("/api/catalog/products");
        product = page.GetProperty("products").EnumerateArray().First().GetProperty("id").GetGuid();
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task A_failing_user_delete_leaves_every_customer_row_in_place_and_publishes_nothing()
    {
        var user = await ShopperWithDataAsync("stays@example.com");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // The database refuses to delete this user: the failure happens at the unit of work's commit. (DDL takes no
            // parameters; the id is a GUID this test created.)
            var trigger = $"CREATE TRIGGER refuse_delete_{Suffix(user.Id)} BEFORE DELETE ON identity_users WHEN OLD.\"Id\" = '{user.Id}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;";
            await scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().Database.ExecuteSqlRawAsync(trigger);
        }

        using var client = host.CreateClientAs(user.Id, NexusRoles.Customer);
        var response = await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = IdentityTestUsers.Password });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Your account could not be deleted. Please try again.");
        await Task.Delay(TimeSpan.FromSeconds(1)); // would have been long enough for an in-process event to be applied
        (await CustomerRowsAsync(user.Id)).Should().Be((1, 1, 1), "the shopper's profile, address and wishlist stay");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            (await identity.Users.CountAsync(u => u.Id == user.Id)).Should().Be(1);
            (await identity.Outbox.Where(m => m.Name == "identity.user-account-deleted").Select(m => m.Payload).ToListAsync())
                .Should().NotContain(p => p.Contains(user.Id, StringComparison.Ordinal), "nothing is published for a deletion that did not happen");
        }
    }

    [Test]
    public async Task A_deleted_account_is_forgotten_by_customers_through_the_integration_event()
    {
        var user = await ShopperWithDataAsync("goes@example.com");
        using var client = host.CreateClientAs(user.Id, NexusRoles.Customer);

        var response = await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = IdentityTestUsers.Password });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await Eventually.TrueAsync(async () => await CustomerRowsAsync(user.Id) == (0, 0, 0), Patience, "Customers should forget the shopper");
        var (outbox, inbox) = await EventRowsAsync(user.Id);
        outbox.Should().NotBeNull("the event was written to Identity's outbox with the deletion");
        inbox.Should().NotBeNull();
        inbox!.Status.Should().Be(InboxStatus.Processed);
        inbox.Attempts.Should().Be(1);
        await using var scope = host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().Users.CountAsync(u => u.Id == user.Id)).Should().Be(0);
    }

    [Test]
    public async Task When_customers_fails_once_nothing_is_half_forgotten_and_the_retry_forgets_everything()
    {
        var user = await ShopperWithDataAsync("retried@example.com");
        host.Service<FailingForgetters>().FailOnce(user.Id);
        using var client = host.CreateClientAs(user.Id, NexusRoles.Customer);

        (await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = IdentityTestUsers.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        await Eventually.TrueAsync(async () => (await EventRowsAsync(user.Id)).Inbox?.Status == InboxStatus.Retrying, Patience, "the first attempt should fail and wait for a retry");
        (await CustomerRowsAsync(user.Id)).Should().Be((1, 1, 1), "the failed attempt's removals were rolled back with it, not committed one table at a time");

        await Eventually.TrueAsync(async () => await CustomerRowsAsync(user.Id) == (0, 0, 0), Patience, "the retry should forget the shopper");
        var inbox = (await EventRowsAsync(user.Id)).Inbox!;
        inbox.Status.Should().Be(InboxStatus.Processed);
        inbox.Attempts.Should().Be(2);
    }

    private async Task<ShopUser> ShopperWithDataAsync(string email)
    {
        var user = await IdentityTestUsers.CreateAsync(host, email, NexusRoles.Customer);
        using var client = host.CreateClientAs(user.Id, NexusRoles.Customer);
        await client.PostFormAsync("/account/profile", new Dictionary<string, string> { ["Input.DisplayName"] = "Shopper" });
        await client.PostFormAsync("/account/addresses", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Shop Per",
            ["Input.Line1"] = "1 Cart Lane",
            ["Input.City"] = "London",
            ["Input.PostalCode"] = "SW1A 1AA",
            ["Input.CountryCode"] = "GB",
        });
        await client.PostFormAsync("/account/wishlist?handler=Add", new Dictionary<string, string> { ["productId"] = product.ToString() });
        (await CustomerRowsAsync(user.Id)).Should().Be((1, 1, 1), "the shopper has a profile, an address and a wishlist item");
        return user;
    }

    private async Task<(int Profiles, int Addresses, int Wishlist)> CustomerRowsAsync(string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        return (await db.Profiles.CountAsync(p => p.UserId == userId), await db.Addresses.CountAsync(a => a.UserId == userId), await db.Wishlist.CountAsync(i => i.UserId == userId));
    }

    private async Task<(OutboxMessage? Outbox, InboxMessage? Inbox)> EventRowsAsync(string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = (await scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Name == "identity.user-account-deleted").ToListAsync()).SingleOrDefault(m => m.Payload.Contains(userId, StringComparison.Ordinal));
        var inbox = outbox is null ? null : await scope.ServiceProvider.GetRequiredService<CustomersDbContext>().Inbox.AsNoTracking().SingleOrDefaultAsync(m => m.EventId == outbox.Id);
        return (outbox, inbox);
    }

    private static string Suffix(string userId) => new([.. userId.Where(char.IsAsciiLetterOrDigit)]);

    /// <summary>The users whose deletion the test handler refuses once.</summary>
    internal sealed class FailingForgetters
    {
        private readonly ConcurrentDictionary<string, bool> pending = new(StringComparer.Ordinal);

        public void FailOnce(string userId) => pending[userId] = true;

        public bool ShouldFail(string userId) => pending.TryRemove(userId, out _);
    }

    /// <summary>Test-only consumer: throws on its first delivery for a chosen user, as a transient fault would.</summary>
    internal sealed class FailOnceForSomeUsers(FailingForgetters failing) : IIntegrationEventHandler<UserAccountDeleted>
    {
        public Task HandleAsync(UserAccountDeleted integrationEvent, CancellationToken cancellationToken) =>
            failing.ShouldFail(integrationEvent.UserId)
                ? throw new InvalidOperationException($"Customers is briefly unavailable for {integrationEvent.UserId}")
                : Task.CompletedTask;
    }
}
