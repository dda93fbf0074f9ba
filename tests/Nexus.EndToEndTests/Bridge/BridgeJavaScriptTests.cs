using System.Text.RegularExpressions;

namespace Nexus.EndToEndTests.Bridge;

/// <summary>
/// The bridge's own JavaScript tests (Bridge/www/host-tests.js), each run as one NUnit case in Chromium with
/// the host page, the sub-app and a hostile page on three different origins.
/// </summary>
internal sealed partial class BridgeJavaScriptTests : BrowserTest
{
    private static StaticTestServer hostSite = null!;
    private static StaticTestServer appSite = null!;
    private static StaticTestServer foreignSite = null!;

    [OneTimeSetUp]
    public static async Task StartSitesAsync()
    {
        hostSite = await StaticTestServer.StartAsync(() => "'self'");
        // The sub-app may be framed by the host origin only, exactly as a real sub-app.
        appSite = await StaticTestServer.StartAsync(() => hostSite.OriginText);
        foreignSite = await StaticTestServer.StartAsync(() => "*");
    }

    [OneTimeTearDown]
    public static async Task StopSitesAsync()
    {
        await hostSite.DisposeAsync();
        await appSite.DisposeAsync();
        await foreignSite.DisposeAsync();
    }

    public static IEnumerable<TestCaseData> JavaScriptTests()
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Bridge", "www", "host-tests.js"));
        foreach (Match match in TestDeclaration().Matches(source))
        {
            yield return new TestCaseData(match.Groups[1].Value).SetName($"Bridge: {match.Groups[1].Value}");
        }
    }

    [TestCaseSource(nameof(JavaScriptTests))]
    public async Task Runs_in_Chromium(string name)
    {
        var url = $"{hostSite.Origin}host-tests.html?test={Uri.EscapeDataString(name)}&app={Uri.EscapeDataString(appSite.OriginText)}&foreign={Uri.EscapeDataString(foreignSite.OriginText)}";
        await Page.GotoAsync(url);
        await Page.WaitForFunctionAsync("() => document.body.dataset.result", null, new() { Timeout = 15_000 });
        var result = await Page.EvaluateAsync<string>("() => document.body.dataset.result");
        var error = await Page.EvaluateAsync<string?>("() => document.body.dataset.error || null");
        result.Should().Be("pass", error);
    }

    [Test]
    public async Task A_page_opened_directly_connects_as_standalone_at_once()
    {
        await Page.GotoAsync($"{appSite.Origin}app.html?host={Uri.EscapeDataString(hostSite.OriginText)}");
        await Assertions.Expect(Page.Locator("body[data-bridge=standalone]")).ToHaveCountAsync(1);
        (await Page.EvaluateAsync<double>("() => window.__connectMs")).Should().BeLessThan(50, "a standalone page must not wait for a host");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task Framing_the_sub_app_from_an_origin_that_is_not_allowed_is_refused_by_CSP()
    {
        var refused = new TaskCompletionSource<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors", StringComparison.Ordinal))
            {
                refused.TrySetResult(message.Text);
            }
        };
        await Page.GotoAsync($"{foreignSite.Origin}foreign.html");
        await Page.EvaluateAsync("src => { const f = document.createElement('iframe'); f.src = src; document.body.append(f); }", $"{appSite.Origin}app.html?host={Uri.EscapeDataString(hostSite.OriginText)}");
        (await refused.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Contain(hostSite.OriginText);
        Page.Frames.Should().NotContain(f => f.Url.StartsWith(appSite.OriginText, StringComparison.Ordinal) && f.Url.Contains("app.html", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^test\('([^']+)'", RegexOptions.Multiline)]
    private static partial Regex TestDeclaration();
}
