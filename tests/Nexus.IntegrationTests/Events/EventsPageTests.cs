using System.Net;
using AngleSharp.Html.Parser;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Messaging;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Events;

/// <summary>/admin/events: staff see outboxes and dead letters; only admins replay or discard, with antiforgery.</summary>
internal sealed class EventsPageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private NexusHostFactory host = null!;

    [SetUp]
    public async Task StartHostWithADeadLetter()
    {
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Events:MaxAttempts"] = "2", ["Events:RetryBaseDelay"] = "00:00:00.020" })
            .WithProbe().WithTestAuthentication();
        _ = host.Server;
        await host.EmitAsync(0, 1, poison: true);
        await host.EmitAsync(1, 3);
        await Eventually.TrueAsync(async () => (await host.InboxAsync()).Any(m => m.Status == InboxStatus.DeadLettered), Patience, "the poison ping should be dead");
    }

    [TearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task An_admin_sees_the_dead_letter_with_its_error_and_replays_it_once_the_handler_is_fixed()
    {
        using var client = host.CreateClientAs("admin-1", NexusRoles.Admin);
        var page = await client.GetStringAsync("/admin/events");
        var document = new HtmlParser().ParseDocument(page);
        var row = document.QuerySelector("[data-testid=event-problem]")!;
        row.GetAttribute("data-status").Should().Be("DeadLettered");
        row.QuerySelector("[data-testid=last-error]")!.TextContent.Should().Contain("cannot digest ping 0");
        document.QuerySelector("tr[data-module=Probe] [data-col=dead]")!.TextContent.Should().Be("1");
        document.QuerySelector("tr[data-module=Probe] [data-col=processed]")!.TextContent.Should().Be("3", "3 pings (the demo catalog is seeded in bulk, without product-created events)");
        document.QuerySelector("[data-testid=transport]")!.TextContent.Should().Be("in-process");

        host.Service<ProbeHandlerSwitch>().Broken = false;
        var form = row.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains("handler=Replay", StringComparison.Ordinal));
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            form.QuerySelectorAll("input[type=hidden]").Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("value")!))));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await Eventually.TrueAsync(async () => (await host.PingsAsync()).Any(p => p.Sequence == 0), Patience, "the replayed ping should be applied");
        (await host.PingsAsync()).Should().HaveCount(4);
        var after = await client.GetStringAsync(response.Headers.Location!.ToString());
        after.Should().Contain("will be retried now").And.Contain("data-testid=\"no-problems\"");
    }

    [Test]
    public async Task Support_staff_may_look_but_not_replay()
    {
        using var support = host.CreateClientAs("support-1", NexusRoles.Support);
        var page = await support.GetStringAsync("/admin/events");
        page.Should().Contain("cannot digest ping 0").And.NotContain("handler=Replay");

        var dead = (await host.InboxAsync()).Single(m => m.Status == InboxStatus.DeadLettered);
        var response = await support.PostAsync("/admin/events?handler=Replay", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["module"] = ProbeModule.Name,
            ["eventId"] = dead.EventId.ToString(),
        }));
        response.IsSuccessStatusCode.Should().BeFalse();
        (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("handler", StringComparison.Ordinal)).Should().BeFalse();
        (await host.InboxAsync()).Single(m => m.EventId == dead.EventId).Status.Should().Be(InboxStatus.DeadLettered);
    }

    [Test]
    public async Task A_replay_without_the_antiforgery_token_is_rejected()
    {
        using var client = host.CreateClientAs("admin-1", NexusRoles.Admin);
        var dead = (await host.InboxAsync()).Single(m => m.Status == InboxStatus.DeadLettered);
        var response = await client.PostAsync("/admin/events?handler=Replay", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["module"] = ProbeModule.Name,
            ["eventId"] = dead.EventId.ToString(),
        }));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.InboxAsync()).Single(m => m.EventId == dead.EventId).Status.Should().Be(InboxStatus.DeadLettered);
    }

    [Test]
    public async Task A_customer_cannot_open_the_page()
    {
        using var client = host.CreateClientAs("carl", NexusRoles.Customer);
        var response = await client.GetAsync("/admin/events");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/status/403");
    }

    [Test]
    public async Task The_back_office_lists_the_events_section()
    {
        using var client = host.CreateClientAs("support-1", NexusRoles.Support);
        (await client.GetStringAsync("/admin")).Should().Contain("/admin/events");
    }
}
