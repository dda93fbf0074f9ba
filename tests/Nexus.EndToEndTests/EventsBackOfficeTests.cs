using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Messaging;
using Nexus.Testing.Events;

namespace Nexus.EndToEndTests;

/// <summary>An admin finds a dead-lettered event in the back office and replays it once the handler is fixed.</summary>
internal sealed class EventsBackOfficeTests : BrowserTest
{
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static async Task StartHostWithADeadLetter()
    {
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Events:MaxAttempts"] = "1" }).WithProbe().WithTestAuthentication();
        baseAddress = host.StartKestrel();
        await host.EmitAsync(0, 1, poison: true);
        await Eventually.TrueAsync(async () => (await host.InboxAsync()).Any(m => m.Status == InboxStatus.DeadLettered), TimeSpan.FromSeconds(30), "the poison ping should be dead");
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
        await Page.GotoAsync(new Uri(baseAddress, "/admin").ToString());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Integration events" })).ToBeVisibleAsync();

        var deadLetter = Page.GetByTestId("event-problem");
        await Assertions.Expect(deadLetter).ToHaveCountAsync(1);
        await Assertions.Expect(deadLetter).ToContainTextAsync("probe.pinged v1");
        await Assertions.Expect(deadLetter).ToContainTextAsync("Dead letter");
        await Assertions.Expect(deadLetter.GetByTestId("last-error")).ToContainTextAsync("cannot digest ping 0");

        host.Service<ProbeHandlerSwitch>().Broken = false;
        await deadLetter.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("notice")).ToContainTextAsync("will be retried now");
        await Eventually.TrueAsync(async () => (await host.PingsAsync()).Count == 1, TimeSpan.FromSeconds(30), "the replayed ping should be applied");
        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByTestId("no-problems")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("tr[data-module=Probe] [data-col=dead]")).ToHaveTextAsync("0");
        AssertNoConsoleErrors();
    }
}
