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

    [Test]
    public async Task The_public_landing_page_explains_license_keys()
    {
        var response = await Page.GotoAsync(new Uri(baseAddress, "/apps/licensing/about").ToString());

        response!.Status.Should().Be(200);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "License keys for your software" })).ToBeVisibleAsync();
        AssertNoConsoleErrors();
    }
}
