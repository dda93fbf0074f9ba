using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Modules.Licensing;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.BackOffice;
using Nexus.Shared.SubApps;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Hosting;

/// <summary>
/// The shop and the extracted Licensing service are one composition (NexusHostExtensions) with different modules:
/// they answer the same security headers, register the shared sub-app policies once, and list back-office sections
/// in an order each section chose.
/// </summary>
internal sealed partial class HostCompositionTests
{
    // Both hosts serve the Licensing sub-app with the same framing rule, so their headers can be compared as they are.
    // Both answer as https://shop.example (the clients' address), so host filtering admits the same Host on both.
    private static readonly Dictionary<string, string?> SameFraming = new()
    {
        ["SubApps:licensing:AllowedHostOrigins:0"] = "https://shop.example",
        ["Nexus:PublicUrl"] = "https://shop.example/",
    };

    private static readonly string[] SecurityHeaders =
    [
        "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy",
        "X-Frame-Options", "Strict-Transport-Security",
    ];

    private NexusHostFactory shop = null!;
    private LicensingServiceFactory licensing = null!;

    [OneTimeSetUp]
    public void StartBothHosts()
    {
        shop = new NexusHostFactory(SameFraming);
        licensing = new LicensingServiceFactory(SameFraming);
    }

    [OneTimeTearDown]
    public void StopBothHosts()
    {
        shop.Dispose();
        licensing.Dispose();
    }

    [TestCase("/apps/licensing/about", TestName = "A sub-app page")]
    [TestCase("/healthz", TestName = "A health endpoint")]
    public async Task The_shop_and_the_licensing_service_answer_a_page_with_the_same_security_headers(string path)
    {
        var fromShop = await HeadersAsync(shop.CreateClient(Https()), HttpMethod.Get, path);
        var fromService = await HeadersAsync(licensing.CreateClient(Https()), HttpMethod.Get, path);

        fromService.Should().BeEquivalentTo(fromShop);
        fromShop.Should().ContainKeys("Content-Security-Policy", "X-Content-Type-Options", "Strict-Transport-Security", "X-Correlation-Id");
    }

    [Test]
    public async Task The_shop_and_the_licensing_service_answer_an_api_with_the_same_security_headers_and_status()
    {
        var (shopStatus, fromShop) = await SendAsync(shop.CreateClient(Https()), HttpMethod.Post, "/api/licensing/activations", "{}");
        var (serviceStatus, fromService) = await SendAsync(licensing.CreateClient(Https()), HttpMethod.Post, "/api/licensing/activations", "{}");

        serviceStatus.Should().Be(shopStatus);
        fromService.Should().BeEquivalentTo(fromShop);
        fromShop.Should().ContainKeys("Content-Security-Policy", "Strict-Transport-Security");
    }

    [Test]
    public void Back_office_sections_each_claim_their_own_order_in_the_shop_with_every_module()
    {
        var sections = shop.Services.GetServices<BackOfficeSection>().ToList();

        sections.Should().HaveCountGreaterThan(3);
        sections.Select(s => s.Order).Should().OnlyHaveUniqueItems(string.Join(", ", sections.Select(s => $"{s.Title}={s.Order}")));
    }

    [Test]
    public void Two_sections_with_one_order_stop_the_start_naming_both()
    {
        BackOfficeSection Section(string title) => new(title, "/admin/" + title, title, NexusPolicies.BackOffice, Order: 300);

        var check = () => BackOfficeSections.EnsureUniqueOrder([Section("Mail"), Section("Licenses")]);

        check.Should().Throw<InvalidOperationException>().WithMessage("*'Mail' and 'Licenses'*300*");
    }

    [Test]
    public void The_sub_app_policies_are_registered_once_however_many_sub_apps_a_process_serves()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddNexusSubApp(configuration, LicensingModule.SubApp);
        var afterOne = services.Count(d => d.ServiceType == typeof(IConfigureOptions<AuthorizationOptions>));
        services.AddNexusSubApp(configuration, new SubAppDefinition("reports", "Reports"));

        services.Count(d => d.ServiceType == typeof(IConfigureOptions<AuthorizationOptions>)).Should().Be(afterOne);
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<AuthorizationOptions>>().Value;
        options.GetPolicy(SubAppAuthentication.UserPolicy).Should().NotBeNull();
        options.GetPolicy(SubAppAuthentication.AdminPolicy).Should().NotBeNull();
    }

    [Test]
    public void The_licensing_service_answers_from_its_own_modules_only()
    {
        licensing.Services.GetServices<BackOfficeSection>().Select(s => s.Title).Should().Contain("Licenses").And.NotContain("Mail");
    }

    // HSTS is sent only over HTTPS and never for localhost: ask both as a browser would reach a real shop.
    private static WebApplicationFactoryClientOptions Https() => new() { BaseAddress = new Uri("https://shop.example/"), AllowAutoRedirect = false };

    private static async Task<Dictionary<string, string>> HeadersAsync(HttpClient client, HttpMethod method, string path) =>
        (await SendAsync(client, method, path, body: null)).Headers;

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Headers)> SendAsync(HttpClient client, HttpMethod method, string path, string? body)
    {
        using (client)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var headers = response.Headers.Concat(response.Content.Headers)
                .Where(h => SecurityHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => Nonce().Replace(string.Join(", ", h.Value), "'nonce-*'"), StringComparer.OrdinalIgnoreCase);
            if (response.Headers.Contains("X-Correlation-Id"))
            {
                headers["X-Correlation-Id"] = "present";
            }

            return (response.StatusCode, headers);
        }
    }

    [GeneratedRegex("'nonce-[^']+'")]
    private static partial Regex Nonce();
}
