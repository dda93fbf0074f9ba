using Nexus.EndToEndTests.Bridge;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Events;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>
/// Licensing in another process on another origin — the same code, started with only Licensing on (its own
/// database, tokens checked against the main host's JWKS, events over Redis) — framed by the main host's
/// dashboard, whose own Licensing module is switched off.
/// </summary>
[NonParallelizable]
internal sealed class CrossOriginLicensingTests : BrowserTest
{
    private static RedisServer redis = null!;
    private static NexusHostFactory shop = null!;
    private static NexusHostFactory licensing = null!;
    private static Uri shopAddress = null!;
    private static Uri licensingAddress = null!;
    private static int licensingPort;
    private static string licensingData = null!;
    private static StaticTestServer foreignSite = null!;

    [OneTimeSetUp]
    public static async Task StartHostsAsync()
    {
        redis = await RedisServer.StartAsync();
        var shopPort = FreePort.Next();
        licensingPort = FreePort.Next();
        shopAddress = new Uri($"http://127.0.0.1:{shopPort}/");
        licensingAddress = new Uri($"http://127.0.0.1:{licensingPort}/");
        licensingData = Directory.CreateTempSubdirectory("nexus-licensing-").FullName;

        shop = new NexusHostFactory(new Dictionary<string, string?>
        {
            // Ten-second tokens: the renewal test waits past one lifetime (the other tests renew along the way).
            ["Identity:Tokens:LifetimeSeconds"] = "10",
            ["SubApps:licensing:Url"] = new Uri(licensingAddress, "/apps/licensing/").ToString(),
            ["Redis:ConnectionString"] = redis.ConnectionString,
        }).WithTestAuthentication().WithProbe(consume: false);
        shop.StartKestrel(shopPort);
        licensing = StartLicensing();
        foreignSite = await StaticTestServer.StartAsync(() => "*");
    }

    [OneTimeTearDown]
    public static async Task StopHostsAsync()
    {
        licensing.Dispose();
        shop.Dispose();
        await foreignSite.DisposeAsync();
        await redis.DisposeAsync();
    }

    private static NexusHostFactory StartLicensing()
    {
        var origin = shopAddress.GetLeftPart(UriPartial.Authority);
        var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Nexus:DataPath"] = licensingData,
            ["Modules:Catalog:Enabled"] = "false",
            ["Modules:Identity:Enabled"] = "false",
            ["SubApps:licensing:HostUrl"] = origin,
            ["SubApps:licensing:AllowedHostOrigins:0"] = origin,
            ["Redis:ConnectionString"] = redis.ConnectionString,
        });
        host.StartKestrel(licensingPort);
        return host;
    }

    [SetUp]
    public async Task GrantClipboardAsync()
    {
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = shopAddress.GetLeftPart(UriPartial.Authority) });
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = licensingAddress.GetLeftPart(UriPartial.Authority) });
    }

    [Test]
    public async Task A_customer_manages_a_key_in_the_Licensing_tab_served_from_another_origin()
    {
        var customer = await LicensingWorld.CreateUserAsync(shop, $"fay-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        var key = await LicensingWorld.IssueKeyAsync(licensing, customer, "Map Maker");
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);

        await LicensingTabJourney.RunAsync(Page, shopAddress, "Map Maker");

        LicensingTabJourney.LiveFrame(Page).Url.Should().StartWith(licensingAddress.GetLeftPart(UriPartial.Authority));
        (await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Should().Be(key.Key);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_paid_order_in_the_shop_shows_its_key_in_the_open_tab_of_the_other_process_within_a_second()
    {
        var customer = await LicensingWorld.CreateUserAsync(shop, $"gus-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        await LicensingTabJourney.OpenTabAsync(Page, shopAddress);

        var timing = await LiveKeys.PublishAndTimeAsync(Page, shop, customer, () => OrderPaidEvents.PublishAsync(shop, customer, "Font Pack", digital: true));

        timing.FromCommit.Should().BeLessThan(LiveKeys.Budget, "the Licensing process pushes the key it issued to the open tab");
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Heading, new() { Name = "Font Pack" })).ToBeVisibleAsync();
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_token_is_renewed_across_its_expiry_cross_origin_and_the_live_stream_follows_it()
    {
        var customer = await LicensingWorld.CreateUserAsync(shop, $"ivy-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.IssueKeyAsync(licensing, customer, "Type Setter");
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        await LicensingTabJourney.OpenTabAsync(Page, shopAddress);
        var frame = LicensingTabJourney.LiveFrame(Page);
        frame.Url.Should().StartWith(licensingAddress.GetLeftPart(UriPartial.Authority));
        var first = await frame.EvaluateAsync<string>("async () => (await window.nexusBridge).token.token");

        // Past the ten-second lifetime: the first token's live stream has ended at its expiry (validation itself still
        // allows 30 s of clock skew, so this does not show the old token refused — only that the page moved on).
        await Task.Delay(TimeSpan.FromSeconds(12));
        await OrderPaidEvents.PublishAsync(shop, customer, "Glyph Kit", digital: true);
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Heading, new() { Name = "Glyph Kit" }))
            .ToBeVisibleAsync(new() { Timeout = 5_000 });
        await LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Link, new() { Name = "Manage devices" }).First.ClickAsync();

        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("key-code")).ToBeVisibleAsync();
        var renewed = await frame.EvaluateAsync<string>("async () => (await window.nexusBridge).token.token");
        renewed.Should().NotBe(first, "the host handed a fresh token across origins before the first expired");
        (await frame.EvaluateAsync<string>("() => document.documentElement.dataset.live")).Should().Be("open", "the live stream reconnected with the renewed token");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task Framing_the_sub_app_from_an_origin_that_is_not_allowed_is_refused_by_CSP()
    {
        var refused = new TaskCompletionSource<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors", StringComparison.Ordinal))
            {
                refused.TrySetResult(message.Text);
            }
        };
        await Page.GotoAsync($"{foreignSite.Origin}foreign.html");
        await Page.EvaluateAsync("src => { const f = document.createElement('iframe'); f.src = src; document.body.append(f); }", new Uri(licensingAddress, "/apps/licensing/").ToString());

        (await refused.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Contain(shopAddress.GetLeftPart(UriPartial.Authority));
    }

    [Test]
    public async Task With_the_Licensing_process_down_the_tab_shows_a_fallback_within_5_s_and_retry_recovers()
    {
        var customer = await LicensingWorld.CreateUserAsync(shop, $"hal-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        licensing.Dispose();
        try
        {
            var started = DateTime.UtcNow;
            await Page.GotoAsync(new Uri(shopAddress, "/account/licensing").ToString());
            var panel = Page.Locator(".nexus-subapp-fallback");
            await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 6_000 });
            (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(6.5));
            await Assertions.Expect(panel.GetByRole(AriaRole.Link, new() { Name = "Open in a new tab" })).ToHaveAttributeAsync("target", "_blank");
            await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My account" })).ToBeVisibleAsync();
        }
        finally
        {
            licensing = StartLicensing();
        }

        await Page.Locator(".nexus-subapp-fallback").GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();

        await LicensingTabJourney.ReadyAsync(Page);
        await Assertions.Expect(Page.Locator(".nexus-subapp-fallback")).ToBeHiddenAsync();
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("no-keys")).ToBeVisibleAsync();
    }
}
