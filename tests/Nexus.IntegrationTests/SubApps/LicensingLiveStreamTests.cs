using System.Diagnostics;
using System.Net;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Licensing;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Modules.Licensing.Data;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.SubApps.Live;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.SubApps;

/// <summary>
/// Licensing's live stream: a customer's open pages hear about new keys after they are committed, on every instance,
/// and only with a valid bridge token, for no longer than that token lives, a bounded number at a time.
/// </summary>
internal sealed class LicensingLiveStreamTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() =>
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Identity:Tokens:LifetimeSeconds"] = "10" }).WithTestAuthentication();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    private static async Task IssueAsync(NexusHostFactory on, string customerId, string product)
    {
        await using var scope = on.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new IssueLicenseKeys(Guid.CreateVersion7(), customerId, [new LicensedOrderLine(Guid.CreateVersion7(), product, 1)]));
    }

    [Test]
    public async Task New_keys_are_announced_on_the_customers_stream_only_once_they_are_committed()
    {
        var customer = (await Identity.IdentityTestUsers.CreateAsync(host, $"lia-{Guid.NewGuid():N}@example.com", NexusRoles.Customer)).Id;
        var visibleWhenAnnounced = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var watch = await host.Services.GetRequiredService<IFanOut>().SubscribeAsync(
            SubAppLiveNotifier.ChannelFor(LicensingModule.SubApp, customer),
            async _ =>
            {
                // Read from another connection the moment the announcement goes out: the keys must already be there.
                await using var scope = host.Services.CreateAsyncScope();
                visibleWhenAnnounced.TrySetResult(await scope.ServiceProvider.GetRequiredService<LicensingDbContext>().Keys.CountAsync(k => k.CustomerId == customer));
            });
        using var client = host.CreateClient();
        await using var stream = await LiveStreamClient.OpenAsync(client, await LiveStreamClient.MintAsync(host, customer));

        await IssueAsync(host, customer, "Photo Studio");

        (await stream.NextEventAsync(TimeSpan.FromSeconds(5))).Should().Be(("changed", "keys"));
        (await visibleWhenAnnounced.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(1);
    }

    [Test]
    public async Task Another_customers_keys_are_not_announced_on_this_stream()
    {
        var customer = (await Identity.IdentityTestUsers.CreateAsync(host, $"max-{Guid.NewGuid():N}@example.com", NexusRoles.Customer)).Id;
        using var client = host.CreateClient();
        await using var stream = await LiveStreamClient.OpenAsync(client, await LiveStreamClient.MintAsync(host, customer));

        await IssueAsync(host, "someone-else", "Audio Suite");
        await IssueAsync(host, customer, "Code Forge");

        (await stream.NextEventAsync(TimeSpan.FromSeconds(5))).Should().Be(("changed", "keys"), "only the customer's own change comes through");
    }

    [Test]
    public async Task The_stream_needs_a_bridge_token_and_a_customer_may_hold_only_a_few_at_once()
    {
        var customer = (await Identity.IdentityTestUsers.CreateAsync(host, $"ned-{Guid.NewGuid():N}@example.com", NexusRoles.Customer)).Id;
        using var client = host.CreateClient();
        using (var anonymous = await LiveStreamClient.OpenRawAsync(client, token: null))
        {
            anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var token = await LiveStreamClient.MintAsync(host, customer);
        var open = new List<LiveStreamClient>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                open.Add(await LiveStreamClient.OpenAsync(client, token));
            }

            using var ninth = await LiveStreamClient.OpenRawAsync(client, token);
            ninth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }

        // Closed streams give their places back.
        await Eventually.TrueAsync(async () =>
        {
            using var again = await LiveStreamClient.OpenRawAsync(client, token);
            return again.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(5), "a place frees up when a stream closes");
    }

    [Test]
    public async Task Signing_out_ends_the_customers_streams_at_once_with_a_signed_out_event_and_leaves_others_open()
    {
        var customer = (await Identity.IdentityTestUsers.CreateAsync(host, $"pia-{Guid.NewGuid():N}@example.com", NexusRoles.Customer)).Id;
        var other = (await Identity.IdentityTestUsers.CreateAsync(host, $"quin-{Guid.NewGuid():N}@example.com", NexusRoles.Customer)).Id;
        using var client = host.CreateClient();
        await using var stream = await LiveStreamClient.OpenAsync(client, await LiveStreamClient.MintAsync(host, customer));
        await using var othersStream = await LiveStreamClient.OpenAsync(client, await LiveStreamClient.MintAsync(host, other));
        using var browser = host.CreateClientAs(customer, NexusRoles.Customer);

        var clock = Stopwatch.StartNew();
        using (var signedOut = await browser.PostFormAsync("/account/logout", new Dictionary<string, string>()))
        {
            signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await stream.NextEventAsync(TimeSpan.FromSeconds(5))).Should().Be(("signed-out", "{}"));
        (await stream.NextEventAsync(TimeSpan.FromSeconds(5))).Should().BeNull("the server ends the stream after the notice");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "at sign-out, not at the ten-second token's expiry");
        await IssueAsync(host, other, "Font Pack");
        (await othersStream.NextEventAsync(TimeSpan.FromSeconds(5))).Should().Be(("changed", "keys"), "another customer's stream goes on");
    }

    [Test]
    public async Task The_sign_out_notice_is_not_a_topic_anyone_may_publish()
    {
        var notifier = host.Services.GetRequiredService<SubAppLiveNotifier>();

        var publish = () => notifier.NotifyUserAsync(LicensingModule.SubApp, "someone", "signed-out");

        await publish.Should().ThrowAsync<ArgumentException>();
    }

    [Test]
    public async Task The_stream_ends_when_its_token_expires()
    {
        var customer = (await Identity.IdentityTestUsers.CreateAsync(host, $"ola-{Guid.NewGuid():N}@example.com", NexusRoles.Customer)).Id;
        using var client = host.CreateClient();
        var started = Stopwatch.StartNew();
        await using var stream = await LiveStreamClient.OpenAsync(client, await LiveStreamClient.MintAsync(host, customer));

        (await stream.NextEventAsync(TimeSpan.FromSeconds(20))).Should().BeNull("the server closes the stream when the ten-second token runs out");
        started.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(8)).And.BeLessThan(TimeSpan.FromSeconds(16));
    }
}
