using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.EndToEndTests.Audits;

/// <summary>
/// Issue 14's bar for the shop's pages: axe-core finds no WCAG 2.1 AA violation on any storefront or catalog
/// back-office page and (issue 15) account page (<see cref="AuditedPages"/>), and Lighthouse 12 scores at least 95 in performance,
/// accessibility, best practices and SEO with the desktop and the mobile preset.
/// </summary>
[Category("Audits")]
internal sealed class PageAuditTests : BrowserTest
{
    private const int MinimumScore = 95;
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;
    private static string reports = null!;
    private static string seededOrder = null!;

    [OneTimeSetUp]
    public static void StartHost()
    {
        AuditTools.EnsureInstalled();
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Modules:Catalog:DrawDemoImagesInBackground"] = "true" }).WithTestAuthentication();
        baseAddress = host.StartKestrel();
        reports = Directory.CreateTempSubdirectory("nexus-audits-").FullName;
        seededOrder = AuditedOrder.SeedAsync(host, "audit-customer").GetAwaiter().GetResult();
    }

    [OneTimeTearDown]
    public static void StopHost()
    {
        host.Dispose();
        TestDataFolder.TryDelete(reports);
    }

    public static IEnumerable<TestCaseData> LighthouseRuns() =>
        AuditedPages.Lighthouse.SelectMany(path => new[]
        {
            new TestCaseData(path, true).SetArgDisplayNames(path, "desktop"),
            new TestCaseData(path, false).SetArgDisplayNames(path, "mobile"),
        });

    [TestCaseSource(nameof(AuditedPagesOf), new object[] { false })]
    public async Task A_storefront_page_has_no_wcag_21_aa_violation(string path) =>
        await AssertNoViolationsAsync(Page, path);

    [TestCaseSource(nameof(AuditedPagesOf), new object[] { true })]
    public async Task A_back_office_page_has_no_wcag_21_aa_violation(string path)
    {
        var options = ContextOptions();
        options.ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"audit-admin;{NexusRoles.Admin}" };
        var admin = await Context.Browser!.NewContextAsync(options);
        try
        {
            await AssertNoViolationsAsync(await admin.NewPageAsync(), path);
        }
        finally
        {
            await admin.CloseAsync();
        }
    }

    [TestCaseSource(typeof(AuditedPages), nameof(AuditedPages.Account))]
    public async Task An_account_page_has_no_wcag_21_aa_violation(string path)
    {
        var options = ContextOptions();
        options.ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"audit-customer;{NexusRoles.Customer}" };
        var customer = await Context.Browser!.NewContextAsync(options);
        try
        {
            var page = await customer.NewPageAsync();
            await AssertNoViolationsAsync(page, path);
            new Uri(page.Url).AbsolutePath.Should().Be(path.Replace(AuditedPages.SeededOrder, seededOrder, StringComparison.Ordinal), "the account page itself was audited, not a sign-in page it redirected to");
        }
        finally
        {
            await customer.CloseAsync();
        }
    }

    [TestCaseSource(nameof(LighthouseRuns))]
    public async Task A_key_page_scores_at_least_95_in_every_lighthouse_category(string path, bool desktop)
    {
        var url = new Uri(baseAddress, path);
        // The demo pictures are drawn in the background after start-up, one core's worth for a minute or more: a score
        // taken meanwhile measures the painting (three CI runs lost 1–23 points of mobile performance to it).
        await host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Nexus.Modules.Catalog.Images.DemoImagePainter>().Single()
            .Finished.WaitAsync(TimeSpan.FromMinutes(5));
        // One unmeasured load first: the host's first render of a page pays for compiling it.
        (await host.CreateClient().GetAsync(url)).EnsureSuccessStatusCode();
        var scores = await AuditTools.LighthouseAsync(url, desktop, reports);
        if (scores.Values.Any(score => score < MinimumScore))
        {
            // Lighthouse's own guidance on variability: judge the median of several runs, not one. The performance
            // score moves with the machine's load (a CI runner busy with other suites, the demo pictures still being
            // painted); accessibility, best practices and SEO do not move, so only a noisy result costs two more runs.
            var runs = new List<IReadOnlyDictionary<string, int>> { scores };
            for (var run = 2; run <= 3; run++)
            {
                TestContext.Out.WriteLine($"lighthouse {(desktop ? "desktop" : "mobile")} {path} run {run - 1}: {string.Join(", ", runs[^1].Select(s => $"{s.Key}={s.Value}"))}; measuring again for the median of three");
                runs.Add(await AuditTools.LighthouseAsync(url, desktop, reports));
            }

            scores = scores.Keys.ToDictionary(category => category, category => runs.Select(r => r[category]).Order().ElementAt(1));
        }

        var report = Directory.GetFiles(reports, $"lighthouse-{(desktop ? "desktop" : "mobile")}-{AuditTools.Sanitize(url.PathAndQuery)}.json").Single();
        TestContext.Out.WriteLine($"lighthouse {(desktop ? "desktop" : "mobile")} {path}: {string.Join(", ", scores.Select(s => $"{s.Key}={s.Value}"))}");
        scores.Keys.Should().BeEquivalentTo(["performance", "accessibility", "best-practices", "seo"]);
        scores.Where(s => s.Value < MinimumScore).Should().BeEmpty(
            $"every category must score at least {MinimumScore}; audits below 0.9:\n  {AuditTools.FailingAudits(report)}");
    }

    public static IEnumerable<string> AuditedPagesOf(bool backOffice) => backOffice ? AuditedPages.BackOffice : AuditedPages.Storefront;

    private static async Task AssertNoViolationsAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(new Uri(baseAddress, path.Replace(AuditedPages.SeededOrder, seededOrder, StringComparison.Ordinal)).ToString());
        response.Should().NotBeNull();
        // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not apply to it.
        await page.EvaluateAsync(await File.ReadAllTextAsync(AuditTools.AxeScript));
        var json = await page.EvaluateAsync<string>(
            "async tags => JSON.stringify((await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations)",
            WcagTags);
        using var violations = JsonDocument.Parse(json);
        var found = violations.RootElement.EnumerateArray()
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} — " +
                string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Take(3).Select(n => n.GetProperty("html").GetString())))
            .ToList();
        found.Should().BeEmpty($"{path} must meet WCAG 2.1 AA");
    }
}
