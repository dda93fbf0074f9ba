using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Events;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>
/// Licensing extracted: src/Host/Nexus.Licensing.Host as its own OS process and origin, fed by the shop's
/// order-paid events over Redis, validating the shop's tokens against its JWKS. The shop is switched over by
/// one setting (SubApps:licensing:Url).
/// </summary>
[NonParallelizable]
internal sealed class ExtractedLicensingTests : BrowserTest
{
    private static RedisServer redis = null!;
    private static NexusHostFactory shop = null!;
    private static Uri shopAddress = null!;
    private static LicensingServiceProcess service = null!;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        redis = await RedisServer.StartAsync();
        var shopPort = FreePort.Next();
        shopAddress = new Uri($"http://127.0.0.1:{shopPort}/");
        service = new LicensingServiceProcess(FreePort.Next(), shopAddress.GetLeftPart(UriPartial.Authority), redis.ConnectionString);
        shop = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["SubApps:licensing:Url"] = new Uri(service.Address, "/apps/licensing/").ToString(),
            ["Redis:ConnectionString"] = redis.ConnectionString,
        }).WithTestAuthentication().WithProbe(consume: false);
        shop.StartKestrel(shopPort);
        await service.StartAsync();
    }

    [OneTimeTearDown]
    public static async Task StopAsync()
    {
        service.Dispose();
        shop.Dispose();
        await redis.DisposeAsync();
    }

    [Test]
    public async Task A_paid_order_shows_its_key_in_the_open_tab_within_a_second_and_the_customer_manages_it_there()
    {
        var customer = await LicensingWorld.CreateUserAsync(shop, $"ida-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = shopAddress.GetLeftPart(UriPartial.Authority) });
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = service.Address.GetLeftPart(UriPartial.Authority) });
        await LicensingTabJourney.OpenTabAsync(Page, shopAddress);
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("no-keys")).ToBeVisibleAsync();

        var timing = await LiveKeys.PublishAndTimeAsync(Page, shop, customer, () => OrderPaidEvents.PublishAsync(shop, customer, "Sound Forge X", digital: true));

        timing.FromCommit.Should().BeLessThan(LiveKeys.Budget, $"the Licensing service pushes the key it issued to the open tab\n{service.Output}");
        await LicensingTabJourney.RunAsync(Page, shopAddress, "Sound Forge X");
        LicensingTabJourney.LiveFrame(Page).Url.Should().StartWith(service.Address.GetLeftPart(UriPartial.Authority));
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task With_the_service_stopped_the_tab_falls_back_within_5_s_and_retry_recovers()
    {
        var customer = await LicensingWorld.CreateUserAsync(shop, $"jo-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        service.Stop();
        try
        {
            await Page.GotoAsync(new Uri(shopAddress, "/account/licensing").ToString());
            await Assertions.Expect(Page.Locator(".nexus-subapp-fallback")).ToBeVisibleAsync(new() { Timeout = 6_000 });
        }
        finally
        {
            await service.StartAsync();
        }

        await Page.Locator(".nexus-subapp-fallback").GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await LicensingTabJourney.ReadyAsync(Page);
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("no-keys")).ToBeVisibleAsync();
    }
}
