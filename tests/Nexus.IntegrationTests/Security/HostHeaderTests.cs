using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Security;

/// <summary>
/// Issue 13 item 1: no link the shop mails trusts the request's Host header. The shop is configured as
/// https://shop.example/; a request naming any other host is refused before it can change anything, and the
/// reset link the administrator receives points at the configured address.
/// </summary>
internal sealed class HostHeaderTests
{
    private const string PublicUrl = "https://shop.example/";
    private const string Admin = "boss@example.com";
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory(new Dictionary<string, string?>
    {
        ["Nexus:PublicUrl"] = PublicUrl,
        ["Identity:Admin:Email"] = Admin,
        ["Identity:Admin:Password"] = "Boss-Password-1",
    });

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task A_password_reset_posted_with_a_foreign_host_is_refused_and_mails_nothing()
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicUrl) });
        // A genuine form (antiforgery cookie and token), then the same post aimed at evil.example by its Host header.
        var page = await client.GetStringAsync("/account/forgot-password");
        using var hostile = new HttpRequestMessage(HttpMethod.Post, "/account/forgot-password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = Admin, ["__RequestVerificationToken"] = FormPoster.TokenOf(page) }),
        };
        hostile.Headers.Host = "evil.example";
        using var refused = await client.SendAsync(hostile);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // The genuine request after it: once its mail is out, the refused one would have been too (one outbox, in order).
        using var accepted = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = Admin });
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        var link = await MailPickup.WaitForLinkAsync(host.DataPath, Admin, "/account/reset-password");
        link.Should().StartWith(PublicUrl + "account/reset-password?");

        var resetMails = MailPickup.Messages(host.DataPath).Where(m => m.Contains($"To: {Admin}", StringComparison.OrdinalIgnoreCase) && m.Contains("/account/reset-password", StringComparison.Ordinal)).ToList();
        resetMails.Should().ContainSingle("the refused request mailed nothing");
        MailPickup.Messages(host.DataPath).Should().NotContain(m => m.Contains("evil.example", StringComparison.OrdinalIgnoreCase));
    }

    [TestCase("evil.example")]
    [TestCase("shop.example.evil.example")]
    [TestCase("localhost")]
    public async Task Any_page_asked_for_an_unknown_host_answers_400(string hostHeader)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicUrl) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = hostHeader;
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task The_public_host_is_served()
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicUrl) });
        using var response = await client.GetAsync("/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
