using Nexus.Shared.Messaging;
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
            // Ten-second tokens (the shop issues them): the renewal test waits past one lifetime, the other tests
            // renew along the way.
            ["Identity:Tokens:LifetimeSeconds"] = "10",
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
    public async Task The_service_logs_through_the_shared_set_up_each_request_with_its_correlation_id_and_final_status()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(service.Address, "/no-such-page"));
        request.Headers.Add("X-Correlation-Id", "licensing-log-check");
        (await client.SendAsync(request)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);

        // Nexus.Shared's logging: a daily file of its own in the service's data folder, the shop's line format.
        var logs = Path.Combine(service.DataPath, "logs");
        await Eventually.TrueAsync(
            () => Task.FromResult(Directory.Exists(logs) && Directory.GetFiles(logs, "nexus-licensing-*.log").Any(file =>
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd().Contains("licensing-log-check HTTP GET /no-such-page responded 404", StringComparison.Ordinal);
            })),
            TimeSpan.FromSeconds(10),
            $"the Licensing service's log file should have the request's line\n{service.Output}");
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
    public async Task The_token_is_renewed_across_its_expiry_the_service_accepts_the_renewed_one_and_the_live_stream_follows_it()
    {
        var customer = await LicensingWorld.CreateUserAsync(shop, $"kai-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        await LicensingTabJourney.OpenTabAsync(Page, shopAddress);
        var frame = LicensingTabJourney.LiveFrame(Page);
        frame.Url.Should().StartWith(service.Address.GetLeftPart(UriPartial.Authority));
        await frame.WaitForFunctionAsync("() => document.documentElement.dataset.live === 'open'", null, new() { Timeout = 10_000 });
        var first = await frame.EvaluateAsync<string>("async () => (await window.nexusBridge).token.token");

        // Past the ten-second lifetime. The service ended the stream the first token opened at its expiry; the page
        // reconnected with the token the shop handed over meanwhile (each "open" re-reads the live regions once).
        await Task.Delay(TimeSpan.FromSeconds(12));
        await frame.WaitForFunctionAsync("() => Number(document.documentElement.dataset.liveRefreshed || 0) >= 2", null, new() { Timeout = 5_000 });
        (await frame.EvaluateAsync<string>("() => document.documentElement.dataset.live")).Should().Be("open", "the live stream reconnected with the renewed token");
        await OrderPaidEvents.PublishAsync(shop, customer, "Beat Box", digital: true);
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Heading, new() { Name = "Beat Box" }))
            .ToBeVisibleAsync(new() { Timeout = 5_000 });

        // Navigating within the sub-app: a new document, its view fetched with the renewed token.
        await LicensingTabJourney.Frame(Page).GetByRole(AriaRole.Link, new() { Name = "Manage devices" }).ClickAsync();
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("key-code")).ToBeVisibleAsync();
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByText("Your session has ended")).ToHaveCountAsync(0);
        var renewed = await frame.EvaluateAsync<string>("async () => (await window.nexusBridge).token.token");
        renewed.Should().NotBe(first, "the shop handed a fresh token to the service's origin before the first expired");
        await frame.WaitForFunctionAsync("() => document.documentElement.dataset.live === 'open'", null, new() { Timeout = 10_000 });

        // The service itself, asked directly with the renewed token once the first has expired: the key list.
        LicensingWorld.TokenExpiry(first).Should().BeBefore(DateTimeOffset.UtcNow, "the first token has run out by now");
        var list = await frame.EvaluateAsync<string[]>("""
            async () => {
              const token = (await window.nexusBridge).token.token;
              const response = await fetch('/apps/licensing/', { headers: { Authorization: `Bearer ${token}`, 'X-Nexus-Fragment': '1' }, credentials: 'omit', cache: 'no-store' });
              return [String(response.status), await response.text()];
            }
            """);
        list[0].Should().Be("200", $"the service validates the renewed token against the shop's keys\n{service.Output}");
        list[1].Should().Contain("Beat Box").And.NotContain("Your session has ended");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_back_office_events_page_shows_the_services_inbox_and_the_service_refuses_a_customers_token()
    {
        var customer = await LicensingWorld.CreateUserAsync(shop, $"uma-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await OrderPaidEvents.PublishAsync(shop, customer, "Wave Editor", digital: true);
        var admin = await LicensingWorld.CreateUserAsync(shop, $"admin-{Guid.NewGuid():N}@example.com", NexusRoles.Admin);
        await LicensingWorld.SignInAsync(Context, admin, NexusRoles.Admin);

        // The service's Licensing inbox, read by the shop with a token minted for this admin.
        var row = Page.Locator("tr[data-service='licensing'][data-module='Licensing']");
        await Eventually.TrueAsync(async () =>
        {
            await Page.GotoAsync(new Uri(shopAddress, "/admin/events").ToString());
            return await row.CountAsync() == 1
                && int.Parse(await row.Locator("td[data-col='processed']").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1;
        }, TimeSpan.FromSeconds(15), "the service's Licensing inbox is listed with the order-paid event handled");
        await Assertions.Expect(row).ToContainTextAsync(service.Address.GetLeftPart(UriPartial.Authority));

        // The endpoints themselves: no token, 401; a customer's frame token, 401 too (they take only service tokens).
        using var client = new HttpClient { BaseAddress = service.Address };
        (await client.GetAsync(EventsAdministrationEndpoints.Path)).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        using var asCustomer = new HttpRequestMessage(HttpMethod.Get, EventsAdministrationEndpoints.Path);
        asCustomer.Headers.Authorization = new("Bearer", await MintAsync(customer, NexusRoles.Customer));
        (await client.SendAsync(asCustomer)).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        AssertNoConsoleErrors();
    }

    private static async Task<string> MintAsync(string userId, string role)
    {
        using var client = new HttpClient { BaseAddress = shopAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/tokens") { Content = System.Net.Http.Json.JsonContent.Create(new { audience = "licensing" }) };
        request.Headers.Add(TestAuthenticationHandler.Header, $"{userId};{role}");
        request.Headers.Add("X-Nexus-Bridge", "1");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content)).GetProperty("token").GetString()!;
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

            // Meanwhile the back office's events page still works and says the service cannot be read.
            await using var staff = await Context.Browser!.NewContextAsync();
            var admin = await LicensingWorld.CreateUserAsync(shop, $"admin-{Guid.NewGuid():N}@example.com", NexusRoles.Admin);
            await LicensingWorld.SignInAsync(staff, admin, NexusRoles.Admin);
            var eventsPage = await staff.NewPageAsync();
            await eventsPage.GotoAsync(new Uri(shopAddress, "/admin/events").ToString());
            await Assertions.Expect(eventsPage.GetByTestId("service-unreachable")).ToContainTextAsync("could not be reached");
            await Assertions.Expect(eventsPage.GetByTestId("event-modules")).ToContainTextAsync("Catalog");
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
