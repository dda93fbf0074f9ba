using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Nexus.IntegrationTests.Cart;
using Nexus.IntegrationTests.Identity;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Live;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Live;

/// <summary>
/// The shop's live channel (<c>/hubs/shop</c>, decision 0026) with a real SignalR client: a connection hears its own
/// user's and cart's changes and no one else's — whatever it asks —, a signed-out connection is closed and hears
/// nothing more, and foreign origins and chatty clients are refused.
/// </summary>
internal sealed class LiveChannelTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_guest_hears_their_own_cart_change_and_another_guest_does_not()
    {
        using var host = new NexusHostFactory();
        var product = await host.ProductAsync(1_500, stock: 10);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var cartCookie = await GuestCartCookieAsync(shopper, product);
        using var stranger = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var strangerCookie = await GuestCartCookieAsync(stranger, product);

        await using var mine = await LiveClient.ConnectAsync(host, o => o.Headers["Cookie"] = cartCookie);
        await using var theirs = await LiveClient.ConnectAsync(host, o => o.Headers["Cookie"] = strangerCookie);
        await AddWithCookieAsync(shopper, cartCookie, product);

        // The first add's message may arrive too (its event can be delivered after the connection opened): wait for the second.
        await Eventually.TrueAsync(
            () => Task.FromResult(mine.Messages.Any(m => m.Type == LiveMessageTypes.CartUpdated && m.Version == 1 && m.Payload.GetProperty("itemCount").GetInt32() == 2)),
            Soon,
            "the guest's connection should hear their cart");
        await Task.Delay(300);
        theirs.HeardType(LiveMessageTypes.CartUpdated).Should().BeFalse("another cart's change is not theirs");
    }

    [Test]
    public async Task A_client_cannot_name_a_group_to_join_forged_ids_go_nowhere()
    {
        using var host = new NexusHostFactory().WithTestAuthentication();
        var product = await host.ProductAsync(900, stock: 10);
        await using var intruder = await LiveClient.ConnectAsync(host, o => o.Headers[TestAuthenticationHandler.Header] = "intruder;" + NexusRoles.Customer);

        // The hub has no call that joins a group: a forged request for someone else's is an error, not a membership.
        var join = () => intruder.Connection.InvokeAsync("JoinGroup", LiveGroups.User("victim"));
        await join.Should().ThrowAsync<HubException>();
        var subscribe = () => intruder.Connection.InvokeAsync("Subscribe", "cart:victim");
        await subscribe.Should().ThrowAsync<HubException>();

        await using var victim = await LiveClient.ConnectAsync(host, o => o.Headers[TestAuthenticationHandler.Header] = "victim;" + NexusRoles.Customer);
        using var victimBrowser = host.CreateClientAs("victim", NexusRoles.Customer);
        await LiveClient.AddSignedInAsync(victimBrowser, product, 1);

        await Eventually.TrueAsync(() => Task.FromResult(victim.HeardType(LiveMessageTypes.CartUpdated)), Soon, "the victim hears their own cart");
        await Task.Delay(300);
        intruder.Messages.Should().NotContain(m => m.Type == LiveMessageTypes.CartUpdated);
    }

    [Test]
    public async Task A_guest_whose_cart_appeared_after_connecting_joins_it_with_the_ticket_from_the_cart_slot_and_a_forged_ticket_joins_nothing()
    {
        using var host = new NexusHostFactory();
        var product = await host.ProductAsync(1_250, stock: 10);
        await using var early = await LiveClient.ConnectAsync(host); // the page connected before the first add
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var cartCookie = await GuestCartCookieAsync(shopper, product);
        using var stranger = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var strangerCookie = await GuestCartCookieAsync(stranger, product);
        var strangerTicket = TicketOf(await SessionAsync(host, strangerCookie, "/cart/mini"));

        (await early.Connection.InvokeAsync<bool>("JoinWithTicket", "forged-" + strangerTicket)).Should().BeFalse("a tampered ticket joins nothing");
        (await early.Connection.InvokeAsync<bool>("JoinWithTicket", LiveGroups.GuestCart("guessed"))).Should().BeFalse("a group's name is no ticket");
        (await early.Connection.InvokeAsync<bool>("JoinWithTicket", TicketOf(await SessionAsync(host, cartCookie, "/cart/mini")))).Should().BeTrue();
        (await SessionAsync(host, "nexus.visited=1", "/cart/mini")).Should().Contain("data-live-ticket=\"\"", "a visitor without a cart gets the same, cacheable markup");

        await AddWithCookieAsync(shopper, cartCookie, product);
        await Eventually.TrueAsync(
            () => Task.FromResult(early.Messages.Any(m => m.Type == LiveMessageTypes.CartUpdated && m.Payload.GetProperty("itemCount").GetInt32() == 2)),
            Soon,
            "the connection hears the cart it joined by ticket");
        using (var more = await stranger.AddAsync(product, "5", tweak: r => r.Headers.Add("Cookie", strangerCookie)))
        {
            more.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        await Task.Delay(500);
        early.Messages.Should().NotContain(m => m.Type == LiveMessageTypes.CartUpdated && m.Payload.GetProperty("itemCount").GetInt32() == 6, "the stranger's cart was never joined");
    }

    private static string TicketOf(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-live-ticket=\"([^\"]+)\"");
        match.Success.Should().BeTrue("a guest's cart slot carries a ticket: " + html[..Math.Min(300, html.Length)]);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Test]
    public async Task A_signed_out_connection_is_closed_and_hears_nothing_more()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Identity:SessionRecheckSeconds"] = "0" });
        var user = await IdentityTestUsers.CreateAsync(host, "live-signout@example.com", NexusRoles.Customer);
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        var signedIn = await IdentityPages.SignInAsync(browser, "live-signout@example.com");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nexus.auth=", StringComparison.Ordinal)).Split(';')[0];
        await using var live = await LiveClient.ConnectAsync(host, o => o.Headers["Cookie"] = cookie);
        var push = host.Service<LivePush>();
        // SignalR completes the client's handshake before the hub's OnConnectedAsync has joined the groups (after a
        // security-stamp read): push until heard, as a page would re-read on its next message.
        await Eventually.TrueAsync(
            async () =>
            {
                await push.ToUserAsync(user.Id, new LiveMessage("test.before", 1, new { }));
                return live.HeardType("test.before");
            },
            Soon,
            "signed in, it hears its user's group");

        (await browser.PostFormAsync("/account/logout", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);

        await live.Closed.Task.WaitAsync(Soon);
        live.HeardType(LiveMessageTypes.SessionEnded).Should().BeTrue("the page is told before its connection closes");
        await push.ToUserAsync(user.Id, new LiveMessage("test.after", 1, new { }));
        await Task.Delay(300);
        live.HeardType("test.after").Should().BeFalse();

        // Reconnecting with the old cookie (a copy) joins no user group: the session it names has ended.
        await using var again = await LiveClient.ConnectAsync(host, o => o.Headers["Cookie"] = cookie);
        await push.ToUserAsync(user.Id, new LiveMessage("test.again", 1, new { }));
        await Task.Delay(300);
        again.HeardType("test.again").Should().BeFalse();
    }

    [Test]
    public async Task A_lock_out_tells_the_users_pages_to_verify_now_and_the_verified_check_says_signed_out()
    {
        // The default periodic stamp check (60 s): without the notice, the locked cookie would pass for a while yet.
        using var host = new NexusHostFactory().WithTestAuthentication();
        var user = await IdentityTestUsers.CreateAsync(host, "live-locked@example.com", NexusRoles.Customer);
        var admin = await IdentityTestUsers.CreateAsync(host, "live-locker@example.com", NexusRoles.Admin);
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        var signedIn = await IdentityPages.SignInAsync(browser, "live-locked@example.com");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nexus.auth=", StringComparison.Ordinal)).Split(';')[0];
        await using var live = await LiveClient.ConnectAsync(host, o => o.Headers["Cookie"] = cookie);

        using var staff = host.CreateClientAs(admin.Id, NexusRoles.Admin);
        (await staff.PostFormAsync($"/admin/users/{user.Id}", new Dictionary<string, string>(), handler: "Lock")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        await live.Closed.Task.WaitAsync(Soon);
        live.Messages.Single(m => m.Type == LiveMessageTypes.SessionEnded).Payload.GetProperty("revoked").GetBoolean().Should().BeTrue();
        (await SessionAsync(host, cookie, "/api/identity/session")).Should().Contain("\"signedIn\":true", "the cookie's own check is not due yet");
        (await SessionAsync(host, cookie, "/api/identity/session?verify=1")).Should().Contain("\"signedIn\":false", "verified now, the lock-out counts");
    }

    [Test]
    public async Task Staff_hear_the_back_office_feed_and_customers_do_not()
    {
        using var host = new NexusHostFactory().WithTestAuthentication();
        await using var staff = await LiveClient.ConnectAsync(host, o => o.Headers[TestAuthenticationHandler.Header] = "support-1;" + NexusRoles.Support);
        await using var customer = await LiveClient.ConnectAsync(host, o => o.Headers[TestAuthenticationHandler.Header] = "customer-1;" + NexusRoles.Customer);

        // SignalR completes the client's handshake before the hub's OnConnectedAsync has joined the groups: push until
        // the staff connection hears it (each push is a fresh message; the customer must hear none of them).
        await Eventually.TrueAsync(
            async () =>
            {
                await host.Service<LivePush>().ToStaffAsync(new LiveMessage(LiveMessageTypes.StaffLowStock, 1, new { sku = "X" }));
                await Task.Delay(50);
                return staff.HeardType(LiveMessageTypes.StaffLowStock);
            },
            Soon,
            "staff hear the feed");
        await Task.Delay(300);
        customer.HeardType(LiveMessageTypes.StaffLowStock).Should().BeFalse();
    }

    [Test]
    public async Task A_product_running_out_reaches_anonymous_visitors()
    {
        using var host = new NexusHostFactory();
        var product = await host.ProductAsync(700, stock: 1);
        await using var visitor = await LiveClient.ConnectAsync(host);

        // Pushed until heard: the client's handshake completes before the hub's OnConnectedAsync has joined the groups.
        await Eventually.TrueAsync(
            async () =>
            {
                await host.Service<LivePush>().ToEveryoneAsync(new LiveMessage(LiveMessageTypes.StockChanged, 1, new { productId = product, inStock = false }));
                return visitor.HeardType(LiveMessageTypes.StockChanged);
            },
            Soon,
            "everyone hears stock crossings");
    }

    [Test]
    public async Task A_browser_on_another_origin_is_refused()
    {
        using var host = new NexusHostFactory();
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/shop/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://evil.example");
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/hubs/shop/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", "http://localhost");
        (await client.SendAsync(own)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_connection_calling_too_fast_is_refused()
    {
        using var host = new NexusHostFactory();
        await using var chatty = await LiveClient.ConnectAsync(host);
        for (var i = 0; i < 10; i++)
        {
            (await chatty.Connection.InvokeAsync<string>("Ping")).Should().Be("pong");
        }

        var eleventh = () => chatty.Connection.InvokeAsync<string>("Ping");
        await eleventh.Should().ThrowAsync<HubException>().WithMessage("*Too many calls*");
    }

    private static async Task<string> SessionAsync(NexusHostFactory host, string cookie, string path)
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> GuestCartCookieAsync(HttpClient client, Guid product)
    {
        using var response = await client.AddAsync(product, "1");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nexus.cart=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task AddWithCookieAsync(HttpClient client, string cookie, Guid product)
    {
        using var response = await client.AddAsync(product, "1", tweak: r => r.Headers.Add("Cookie", cookie));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
