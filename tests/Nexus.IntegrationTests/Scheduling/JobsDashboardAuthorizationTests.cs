using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Scheduling;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Scheduling;

/// <summary>
/// The jobs dashboard at /admin/jobs is the back office's: visitors are sent to sign in, customers refused, Support
/// reads without buttons and cannot act, Admin acts — and only with the antiforgery token of its own page.
/// </summary>
internal sealed class JobsDashboardAuthorizationTests
{
    private static readonly string[] DashboardPages = ["/admin/jobs", "/admin/jobs/recurring", "/admin/jobs/jobs/failed", "/admin/jobs/jobs/succeeded", "/admin/jobs/servers"];
    private static readonly string[] DashboardPosts = ["/admin/jobs/stats", "/admin/jobs/recurring/trigger", "/admin/jobs/recurring/remove", "/admin/jobs/jobs/failed/requeue"];

    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        // The server registers the maintenance job, which the pages list and Admin triggers.
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true" }).WithTestAuthentication();
        _ = host.Server;
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public void The_dashboard_is_one_back_office_endpoint_that_the_authorization_sweep_covers()
    {
        var endpoint = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Should().ContainSingle(e => e.RoutePattern.RawText == "/admin/jobs/{**path}").Subject;
        endpoint.Metadata.GetMetadata<IAllowAnonymous>().Should().BeNull();
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Should().Contain(NexusPolicies.BackOffice);
    }

    [Test]
    public async Task Visitors_are_sent_to_sign_in_and_customers_are_refused()
    {
        using var visitor = host.CreateClient(new() { AllowAutoRedirect = false });
        using var customer = host.CreateClientAs("jobs-customer", NexusRoles.Customer);
        foreach (var path in DashboardPages)
        {
            using var anonymous = await visitor.GetAsync(path);
            anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            anonymous.Headers.Location!.ToString().Should().Contain("/account/login", path);

            using var shopper = await customer.GetAsync(path);
            shopper.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            shopper.Headers.Location!.ToString().Should().Contain("/status/403", path);
        }

        foreach (var path in DashboardPosts)
        {
            using var anonymous = await visitor.PostAsync(path, Form());
            anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            anonymous.Headers.Location!.ToString().Should().Contain("/account/login", path);
            using var shopper = await customer.PostAsync(path, Form());
            shopper.Headers.Location?.ToString().Should().Contain("/status/403", path);
        }
    }

    [Test]
    public async Task Support_reads_the_dashboard_without_buttons_and_cannot_trigger_a_job()
    {
        using var support = host.CreateClientAs("jobs-support", NexusRoles.Support);
        foreach (var path in DashboardPages)
        {
            using var response = await support.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        }

        var page = await support.GetStringAsync("/admin/jobs/recurring");
        page.Should().Contain(RecurringJobIds.DatabaseMaintenance);
        page.Should().NotContain("recurring/trigger", "Support gets no trigger button");

        // Even with its page's token, Support's commands are refused; its live counters still work.
        var token = AntiforgeryToken(page);
        using var trigger = await support.SendAsync(Post("/admin/jobs/recurring/trigger", token, ("jobs[]", RecurringJobIds.DatabaseMaintenance)));
        trigger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var stats = await support.SendAsync(Post("/admin/jobs/stats", token, ("metrics[]", "enqueued:count")));
        stats.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Admin_triggers_a_job_with_the_pages_antiforgery_token_and_is_refused_without_it()
    {
        using var admin = host.CreateClientAs("jobs-admin", NexusRoles.Admin);
        var page = await admin.GetStringAsync("/admin/jobs/recurring");
        page.Should().Contain("recurring/trigger", "Admin gets the trigger button");

        using var withoutToken = await admin.SendAsync(Post("/admin/jobs/recurring/trigger", token: null, ("jobs[]", RecurringJobIds.DatabaseMaintenance)));
        // Hangfire answers a failed antiforgery check with 403. (This used to read 400: the status page, re-executed for
        // the refused POST, failed its own antiforgery check and replaced Hangfire's answer — issue 13 item 11.)
        withoutToken.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a cross-site POST carries no token");
        using var forgedToken = await admin.SendAsync(Post("/admin/jobs/recurring/trigger", "not-a-token", ("jobs[]", RecurringJobIds.DatabaseMaintenance)));
        forgedToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var statsWithoutToken = await admin.SendAsync(Post("/admin/jobs/stats", token: null, ("metrics[]", "enqueued:count")));
        statsWithoutToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var triggered = await admin.SendAsync(Post("/admin/jobs/recurring/trigger", AntiforgeryToken(page), ("jobs[]", RecurringJobIds.DatabaseMaintenance)));
        triggered.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task The_dashboard_pages_relax_only_inline_styles_and_only_on_their_path()
    {
        using var admin = host.CreateClientAs("jobs-admin", NexusRoles.Admin);
        using var dashboard = await admin.GetAsync("/admin/jobs/recurring");
        var policy = dashboard.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("style-src 'self' 'unsafe-inline'").And.MatchRegex("script-src 'self' 'nonce-[^']+'");
        policy.Should().NotContain("unsafe-eval");

        using var backOffice = await admin.GetAsync("/admin");
        backOffice.Headers.GetValues("Content-Security-Policy").Single().Should().NotContain("unsafe-inline");
    }

    [Test]
    public async Task The_back_office_lists_the_jobs_section()
    {
        using var support = host.CreateClientAs("jobs-support", NexusRoles.Support);
        var home = await support.GetStringAsync("/admin");
        home.Should().Contain("href=\"/admin/jobs\"");
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    // Hangfire's scripts send the token from the page's <meta name="csrf-token"> in the header <meta name="csrf-header"> names.
    private static HttpRequestMessage Post(string path, string? token, params (string Key, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(fields) };
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return request;
    }

    private static string AntiforgeryToken(string page)
    {
        MetaContent(page, "csrf-header").Should().Be("RequestVerificationToken");
        return MetaContent(page, "csrf-token");
    }

    private static string MetaContent(string page, string name)
    {
        var match = Regex.Match(page, $"<meta name=\"{name}\" content=\"([^\"]+)\"");
        match.Success.Should().BeTrue($"the page should carry <meta name=\"{name}\">");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
