using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// Walks every endpoint the running host serves (its <see cref="EndpointDataSource"/>) and proves the doors are
/// shut: visitors and Customers never get into a back-office endpoint, visitors never into an account endpoint
/// — unless it is one of the few account pages that must be open (sign-in, registration, ...), listed here
/// explicitly so a newly opened one fails this test until someone decides it should be open.
/// </summary>
internal sealed partial class AuthorizationSweepTests
{
    private static readonly HashSet<string> OpenAccountEndpoints = new(StringComparer.OrdinalIgnoreCase)
    {
        "account/login", "account/register", "account/logout", "account/signed-out", "account/confirm-email",
        "account/confirm-email/resend", "account/confirm-email-change", "account/forgot-password", "account/reset-password",
        "account/login-2fa", "account/undo-email-change", "api/identity/session",
    };

    private NexusHostFactory host = null!;
    private List<(string Path, string Method, bool Anonymous)> endpoints = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory().WithTestAuthentication();
        endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => Methods(e).Select(m => (Path: Fill(e.RoutePattern.RawText ?? string.Empty), Method: m, Anonymous: e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .Distinct()
            .ToList();
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public void The_sweep_sees_the_back_office_and_account_endpoints()
    {
        endpoints.Select(e => e.Path).Should().Contain(["/admin", "/admin/users", "/admin/audit", "/admin/mail", "/admin/catalog", "/admin/catalog/categories", "/admin/catalog/inventory", "/admin/catalog/import", "/admin/catalog/export", "/admin/payments/webhooks", "/admin/coupons", "/admin/settings/checkout", "/admin/orders", "/admin/orders/export", "/admin/orders/NX-AAAAAAAA", "/admin/orders/bulk/processing", "/account", "/account/addresses", "/account/wishlist", "/account/orders", "/api/identity/tokens"]);
    }

    [Test]
    public async Task Visitors_and_customers_are_refused_on_every_back_office_endpoint()
    {
        var backOffice = endpoints.Where(e => IsUnder(e.Path, "/admin")).ToList();
        backOffice.Should().HaveCountGreaterThan(5);
        backOffice.Should().OnlyContain(e => !e.Anonymous, "no back-office endpoint may be anonymous");
        using var visitor = host.CreateClient(new() { AllowAutoRedirect = false });
        using var customer = host.CreateClientAs("sweep-customer", NexusRoles.Customer);
        var failures = new List<string>();
        foreach (var (path, method, _) in backOffice)
        {
            await ExpectRefusedAsync(visitor, method, path, "visitor", failures);
            await ExpectRefusedAsync(customer, method, path, "customer", failures);
        }

        failures.Should().BeEmpty();
    }

    [Test]
    public async Task Visitors_are_refused_on_every_account_endpoint_that_is_not_open_by_design()
    {
        var account = endpoints.Where(e => IsUnder(e.Path, "/account") || IsUnder(e.Path, "/api/identity")).ToList();
        var open = account.Where(e => e.Anonymous).Select(e => e.Path.TrimStart('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        open.Should().BeSubsetOf(OpenAccountEndpoints, "an account endpoint was opened to visitors; add it to the list only if it must be open");

        using var visitor = host.CreateClient(new() { AllowAutoRedirect = false });
        var failures = new List<string>();
        var closed = account.Where(e => !e.Anonymous).ToList();
        closed.Should().HaveCountGreaterThan(8);
        foreach (var (path, method, _) in closed)
        {
            await ExpectRefusedAsync(visitor, method, path, "visitor", failures);
        }

        failures.Should().BeEmpty();
    }

    private static async Task ExpectRefusedAsync(HttpClient client, string method, string path, string who, List<string> failures)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());
        }

        using var response = await client.SendAsync(request);
        var status = response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? string.Empty;
        var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (status == HttpStatusCode.Redirect && (location.Contains("/account/login", StringComparison.OrdinalIgnoreCase) || location.Contains("/status/403", StringComparison.Ordinal)));
        if (!refused)
        {
            failures.Add($"{who} {method} {path} -> {(int)status} {location}");
        }
    }

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET", "POST"];

    private static bool IsUnder(string path, string prefix) =>
        new PathString(path).StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase);

    // Every route parameter gets a well-formed value, so constraints match and the request reaches authorization: an
    // order number for {number…} (the order pages' constraint wants one), a GUID for anything else.
    private static string Fill(string pattern) => "/" + RouteParameter().Replace(
        pattern.TrimStart('/'),
        match => match.Groups[1].Value.StartsWith("number", StringComparison.Ordinal) ? "NX-AAAAAAAA" : Guid.NewGuid().ToString());

    // A parameter may hold an escaped brace ("{{8}}" in a regex constraint): it ends at the first single '}'.
    [GeneratedRegex(@"\{((?:\{\{|\}\}|[^{}])+)\}")]
    private static partial Regex RouteParameter();
}
