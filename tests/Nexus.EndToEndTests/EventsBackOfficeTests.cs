using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Messaging;
using Nexus.Testing.Events;

namespace Nexus.EndToEndTests;

/// <summary>An admin finds dead-lettered events in the back office: replays one once the handler is fixed, discards another.</summary>
internal sealed class EventsBackOfficeTests : BrowserTest
{
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static async Task StartHostWithADeadLetter()
    {
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Events:MaxAttempts"] = "1" }).WithProbe().WithTestAuthentication();
        baseAddress = host.StartKestrel();
        await host.EmitAsync(0, 2, poison: true);
        await Eventually.TrueAsync(async () => (await host.InboxAsync()).Count(m => m.Status == InboxStatus.DeadLettered) == 2, TimeSpan.FromSeconds(30), "both poison pings should be dead");
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    protected override BrowserNewContextOptions ContextOptions()
    {
        var options = base.ContextOptions();
        options.ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"admin-1;{NexusRoles.Admin}" };
        return options;
    }

    [Test]
    public async Task An_admin_replays_a_dead_letter_from_the_back_office()
    {
        var eventId = await DeadLetterOfPingAsync(0);
        await Page.GotoAsync(new Uri(baseAddress, "/admin").ToString());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Integration events" })).ToBeVisibleAsync();

        var deadLetter = Page.Locator($"[data-testid=event-problem][data-event-id='{eventId}']");
        await Assertions.Expect(deadLetter).ToContainTextAsync("probe.pinged v1");
        await Assertions.Expect(deadLetter).ToContainTextAsync("Dead letter");
        await Assertions.Expect(deadLetter.GetByTestId("last-error")).ToContainTextAsync("cannot digest ping 0");

        host.Service<ProbeHandlerSwitch>().Broken = false;
        await deadLetter.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("notice")).ToContainTextAsync("will be retried now");
        await Eventually.TrueAsync(async () => (await host.PingsAsync()).Any(p => p.Sequence == 0), TimeSpan.FromSeconds(30), "the replayed ping should be applied");
        await Page.ReloadAsync();
        await Assertions.Expect(Page.Locator($"[data-event-id='{eventId}']")).ToHaveCountAsync(0);
        (await host.PingsAsync()).Count(p => p.Sequence == 0).Should().Be(1);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task An_admin_discards_a_dead_letter_from_the_back_office()
    {
        var eventId = await DeadLetterOfPingAsync(1);
        await Page.GotoAsync(new Uri(baseAddress, "/admin/events").ToString());
        var deadLetter = Page.Locator($"[data-testid=event-problem][data-event-id='{eventId}']");
        await Assertions.Expect(deadLetter.GetByTestId("last-error")).ToContainTextAsync("cannot digest ping 1");

        await deadLetter.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("notice")).ToContainTextAsync("was discarded");
        await Assertions.Expect(Page.Locator($"[data-event-id='{eventId}']")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("tr[data-module=Probe] [data-col=discarded]")).ToHaveTextAsync("1");
        (await host.InboxAsync()).Single(m => m.EventId == eventId).Status.Should().Be(InboxStatus.Discarded);
        (await host.PingsAsync()).Should().NotContain(p => p.Sequence == 1);
        AssertNoConsoleErrors();
    }

    private static async Task<Guid> DeadLetterOfPingAsync(int sequence) =>
        (await host.InboxAsync()).Single(m => m.Payload.Contains($"\"sequence\":{sequence},", StringComparison.Ordinal)).EventId;
}
