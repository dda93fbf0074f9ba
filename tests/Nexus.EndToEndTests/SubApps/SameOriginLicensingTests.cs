using System.Text.RegularExpressions;
using System.Diagnostics;
using Nexus.Testing.Events;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>Licensing served by the main host under /apps/licensing/ and framed by the customer dashboard.</summary>
internal sealed class SameOriginLicensingTests : BrowserTest
{
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static void StartHost()
    {
        // Ten-second tokens: the renewal test waits past one lifetime.
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Identity:Tokens:LifetimeSeconds"] = "10" }).WithTestAuthentication().WithProbe(consume: false);
        baseAddress = host.StartKestrel();
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    [SetUp]
    public Task GrantClipboardAsync() =>
        Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = baseAddress.GetLeftPart(UriPartial.Authority) });

    [Test]
    public async Task A_customer_manages_a_key_in_the_Licensing_tab()
    {
        var customer = await LicensingWorld.CreateUserAsync(host, $"ana-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        var key = await LicensingWorld.IssueKeyAsync(host, customer, "Photo Studio Pro");
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);

        await LicensingTabJourney.RunAsync(Page, baseAddress, "Photo Studio Pro");

        (await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).Should().Be(key.Key);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_tab_opens_in_place_from_the_overview_and_back_and_forward_restore_both_pages()
    {
        var customer = await LicensingWorld.CreateUserAsync(host, $"eve-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.IssueKeyAsync(host, customer, "Mix Desk");
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        await Page.GotoAsync(new Uri(baseAddress, "/account").ToString());
        await Page.EvaluateAsync("() => { window.sameDocument = true; }");

        await Page.GetByTestId("tab-licensing").ClickAsync();
        await LicensingTabJourney.ReadyAsync(Page);

        (await Page.EvaluateAsync<bool>("() => window.sameDocument === true")).Should().BeTrue("the tab was swapped in, not loaded as a new document");
        Page.Url.Should().EndWith("/account/licensing");
        await Assertions.Expect(Page.GetByTestId("tab-licensing")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(Page.GetByTestId("tab-licensing")).ToBeFocusedAsync();
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("license-key")).ToHaveCountAsync(1);
        (await Page.TitleAsync()).Should().StartWith("Your license keys · ");

        await Page.EvaluateAsync("() => history.back()");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/account$"));
        await Assertions.Expect(Page.GetByTestId("account-email")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("subapp")).ToHaveCountAsync(0);

        await Page.EvaluateAsync("() => history.forward()");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/account/licensing$"));
        await LicensingTabJourney.ReadyAsync(Page);
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("license-key")).ToHaveCountAsync(1);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_token_is_renewed_across_its_expiry_without_the_customer_noticing()
    {
        var customer = await LicensingWorld.CreateUserAsync(host, $"ben-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.IssueKeyAsync(host, customer, "Audio Suite");
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        await LicensingTabJourney.OpenTabAsync(Page, baseAddress);
        var frame = LicensingTabJourney.LiveFrame(Page);
        var first = await frame.EvaluateAsync<string>("async () => (await window.nexusBridge).token.token");

        await Task.Delay(TimeSpan.FromSeconds(12));
        await LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Link, new() { Name = "Manage devices" }).ClickAsync();

        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("key-code")).ToBeVisibleAsync();
        var renewed = await frame.EvaluateAsync<string>("async () => (await window.nexusBridge).token.token");
        renewed.Should().NotBe(first, "the host handed over a fresh token before the first expired");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task Signing_out_in_another_tab_ends_the_live_stream_at_once_and_no_new_token_is_handed_out()
    {
        var email = $"fin-{Guid.NewGuid():N}@example.com";
        var customer = await LicensingWorld.CreateUserAsync(host, email, NexusRoles.Customer);
        await LicensingWorld.SignInWithPasswordAsync(Page, baseAddress, email);
        // This tab stands for one that has not noticed the sign-out yet (asleep, or before its next session check):
        // without the cross-tab script it stays where it is, so what the server and the frame do shows on its own.
        await Page.RouteAsync("**/js/session.js?*", route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = string.Empty }));
        await LicensingTabJourney.OpenTabAsync(Page, baseAddress);
        var frame = LicensingTabJourney.LiveFrame(Page);
        await frame.WaitForFunctionAsync("() => document.documentElement.dataset.live === 'open'", null, new() { Timeout = 10_000 });
        await frame.EvaluateAsync(RecordLiveStates);
        // A stream of the test's own, on a token minted just now: ten seconds left when the customer signs out.
        var (status, token) = await MintTokenAsync(Page);
        status.Should().Be(200);
        using var held = await LiveStreamReader.OpenAsync(baseAddress, token);

        var otherTab = await Context.NewPageAsync();
        await otherTab.GotoAsync(new Uri(baseAddress, "/account").ToString());
        var clock = Stopwatch.StartNew();
        await otherTab.GetByTestId("nav-sign-out").ClickAsync();
        await Assertions.Expect(otherTab.GetByTestId("signed-out")).ToBeVisibleAsync();

        // The server ends the user's streams at once and says why, instead of waiting for their tokens to expire.
        (await held.NextEventAsync(TimeSpan.FromSeconds(5))).Should().Be(("signed-out", "{}"));
        (await held.NextEventAsync(TimeSpan.FromSeconds(5))).Should().BeNull("the stream ends after the notice");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4));
        DateTimeOffset.UtcNow.Should().BeBefore(LicensingWorld.TokenExpiry(token).AddSeconds(-3), "it ended at sign-out, well before its token's expiry");

        // The frame's own stream too: told, it asked its host for a fresh token, the shop refused one, and it stopped.
        await frame.WaitForFunctionAsync("() => document.documentElement.dataset.live === 'stopped'", null, new() { Timeout = 5_000 });
        var states = await frame.EvaluateAsync<string[]>("() => window.__liveStates");
        states.SkipWhile(state => state != "signed-out").Should().Equal("signed-out", "stopped");

        // No new token for this browser, in the tab left open nor in the one that signed out.
        (await MintTokenAsync(Page)).Status.Should().Be(401);
        (await MintTokenAsync(otherTab)).Status.Should().Be(401);

        // Nothing reaches the tab any more: a key issued now is not pushed to it (the live budget is one second).
        await LicensingWorld.IssueKeyAsync(host, customer, "Late Key");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Heading, new() { Name = "Late Key" })).ToHaveCountAsync(0);

        // What sign-out cannot take back (bearer tokens are not revoked): a token already handed out still opens a
        // stream, but that stream ends no later than the token expires — ten seconds here, at most five minutes.
        using var late = await LiveStreamReader.OpenAsync(baseAddress, token);
        var expiry = LicensingWorld.TokenExpiry(token);
        (await late.NextEventAsync(expiry - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3))).Should().BeNull("the server ends it at the token's expiry");
        DateTimeOffset.UtcNow.Should().BeBefore(expiry.AddSeconds(2));
    }

    [Test]
    public async Task Signing_out_on_one_device_leaves_the_live_tab_on_another_device_running()
    {
        var email = $"gil-{Guid.NewGuid():N}@example.com";
        var customer = await LicensingWorld.CreateUserAsync(host, email, NexusRoles.Customer);
        await LicensingWorld.SignInWithPasswordAsync(Page, baseAddress, email);
        await LicensingTabJourney.OpenTabAsync(Page, baseAddress);
        var frame = LicensingTabJourney.LiveFrame(Page);
        await frame.WaitForFunctionAsync("() => document.documentElement.dataset.live === 'open'", null, new() { Timeout = 10_000 });
        await frame.EvaluateAsync(RecordLiveStates);

        // Another device: a browser of its own, signed in on its own, signs out.
        var otherDevice = await Context.Browser!.NewContextAsync();
        try
        {
            var phone = await otherDevice.NewPageAsync();
            await LicensingWorld.SignInWithPasswordAsync(phone, baseAddress, email);
            await phone.GetByTestId("nav-sign-out").ClickAsync();
            await Assertions.Expect(phone.GetByTestId("signed-out")).ToBeVisibleAsync();
        }
        finally
        {
            await otherDevice.CloseAsync();
        }

        // This device's stream was told too; its host, still signed in, handed over a fresh token and it reconnected.
        await frame.WaitForFunctionAsync(
            "() => { const s = window.__liveStates; const i = s.lastIndexOf('signed-out'); return i >= 0 && s.slice(i).includes('open'); }",
            null,
            new() { Timeout = 5_000 });
        await LicensingWorld.IssueKeyAsync(host, customer, "Still Here");
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Heading, new() { Name = "Still Here" }))
            .ToBeVisibleAsync(new() { Timeout = 5_000 });
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_paid_order_of_a_digital_product_shows_its_key_in_the_open_Licensing_tab_within_a_second()
    {
        var customer = await LicensingWorld.CreateUserAsync(host, $"cy-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        await LicensingTabJourney.OpenTabAsync(Page, baseAddress);
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("no-keys")).ToBeVisibleAsync();

        var timing = await LiveKeys.PublishAndTimeAsync(Page, host, customer, () => OrderPaidEvents.PublishAsync(host, customer, "Vector Draw 5", digital: true));

        timing.FromCommit.Should().BeLessThan(LiveKeys.Budget, "the open tab is told about the new key, no reload needed");
        timing.FromPublication.Should().BeLessThan(LiveKeys.Budget, "in one process the event bus adds only milliseconds");
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Heading, new() { Name = "Vector Draw 5" })).ToBeVisibleAsync();
        await LicensingTabJourney.AssertNoInnerScrollbarAsync(Page);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task An_admin_revokes_a_key_from_the_back_office()
    {
        var customer = await LicensingWorld.CreateUserAsync(host, $"dee-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        var key = await LicensingWorld.IssueKeyAsync(host, customer, "Code Forge");
        var admin = await LicensingWorld.CreateUserAsync(host, $"admin-{Guid.NewGuid():N}@example.com", NexusRoles.Admin);
        await LicensingWorld.SignInAsync(Context, admin, NexusRoles.Admin);

        await Page.GotoAsync(new Uri(baseAddress, "/admin").ToString());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Licenses" }).ClickAsync();
        await LicensingTabJourney.ReadyAsync(Page);
        var frame = LicensingTabJourney.Frame(Page);
        await frame.GetByLabel("Find keys").FillAsync(key.Key);
        await frame.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(frame.GetByTestId("admin-key")).ToHaveCountAsync(1);
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/apps/licensing/admin\\?q="));

        await frame.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Page.Locator("dialog.nexus-confirm[open] .nexus-confirm-ok").ClickAsync();

        await Assertions.Expect(Page.Locator(".nexus-toast")).ToContainTextAsync("Key revoked");
        await Assertions.Expect(frame.GetByTestId("admin-key")).ToContainTextAsync("Revoked");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_customer_cannot_open_the_admin_view()
    {
        var customer = await LicensingWorld.CreateUserAsync(host, $"eve-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);

        var response = await Page.GotoAsync(new Uri(baseAddress, "/admin/apps/licensing").ToString());

        response!.Status.Should().Be(403);
    }

    [Test]
    public async Task The_sub_app_page_forbids_framing_by_any_other_origin_and_opened_directly_sends_people_to_their_account()
    {
        var response = await Page.GotoAsync(new Uri(baseAddress, "/apps/licensing/").ToString());

        response!.Headers["content-security-policy"].Should().Contain("frame-ancestors 'self'");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Open it in your account" })).ToHaveAttributeAsync("href", new Uri(baseAddress, "/account/licensing").ToString().TrimEnd('/'));
    }

    /// <summary>Keeps every value the frame's live state takes from now on (<c>window.__liveStates</c>).</summary>
    private const string RecordLiveStates = """
        () => {
          window.__liveStates = [];
          new MutationObserver(() => window.__liveStates.push(document.documentElement.dataset.live))
            .observe(document.documentElement, { attributes: true, attributeFilter: ['data-live'] });
        }
        """;

    /// <summary>What the shop's token endpoint answers this page's browser (its cookie) for Licensing.</summary>
    private static async Task<(int Status, string Token)> MintTokenAsync(IPage page)
    {
        var answer = await page.EvaluateAsync<string[]>("""
            async () => {
              const response = await fetch('/api/identity/tokens', {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', 'X-Nexus-Bridge': '1' },
                body: JSON.stringify({ audience: 'licensing' }),
              });
              return [String(response.status), response.ok ? (await response.json()).token : ''];
            }
            """);
        return (int.Parse(answer[0], System.Globalization.CultureInfo.InvariantCulture), answer[1]);
    }

    [Test]
    public async Task The_public_landing_page_explains_license_keys()
    {
        var response = await Page.GotoAsync(new Uri(baseAddress, "/apps/licensing/about").ToString());

        response!.Status.Should().Be(200);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "License keys for your software" })).ToBeVisibleAsync();
        AssertNoConsoleErrors();
    }
}
