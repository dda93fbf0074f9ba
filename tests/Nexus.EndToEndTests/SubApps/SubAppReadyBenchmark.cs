using System.Globalization;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>
/// Bench-SubApp (./build.sh --target=Bench-SubApp runs it; never part of the test run): over 30 loads, the time
/// from clicking the Licensing tab to the sub-app being ready (handshake done, sized, view shown), and the same
/// sub-app page opened directly (top level, same origin: it gets its token from the shop itself and shows the
/// same view) as the reference. Writes its BENCH line to NEXUS_BENCH_OUT.
/// </summary>
[Explicit("A benchmark: run by the Bench-SubApp target")]
[Category("Bench")]
internal sealed class SubAppReadyBenchmark : BrowserTest
{
    private const int Runs = 30;
    private const int WarmUp = 3;

    // Both pages note when they are usable; the click time is kept across the navigation in sessionStorage.
    private const string ReadyProbe = """
        (() => {
          const mark = () => { if (!window.__readyAt) { window.__readyAt = Date.now(); } };
          document.addEventListener('nexus-subapp-ready', mark);
          new MutationObserver(() => {
            const root = document.documentElement;
            if (window === window.top && root && root.dataset.bridge === 'standalone' && root.dataset.view === 'shown') { mark(); }
          }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-bridge', 'data-view'] });
        })();
        """;

    [Test]
    public async Task Measure_tab_to_ready_against_the_page_opened_directly()
    {
        using var host = new NexusHostFactory().WithTestAuthentication();
        var address = host.StartKestrel();
        var customer = await LicensingWorld.CreateUserAsync(host, "bench@example.com", NexusRoles.Customer);
        await LicensingWorld.IssueKeyAsync(host, customer, "Photo Studio Pro");
        await LicensingWorld.SignInAsync(Context, customer, NexusRoles.Customer);
        await Context.AddInitScriptAsync(ReadyProbe);

        var tab = new List<double>();
        var direct = new List<double>();
        for (var run = 0; run < WarmUp + Runs; run++)
        {
            var viaTab = await MeasureAsync(address, () => Page.GetByTestId("tab-licensing").ClickAsync());
            var opened = await MeasureAsync(address, () => Page.EvaluateAsync("() => { location.href = '/apps/licensing/'; }"));
            if (run >= WarmUp)
            {
                tab.Add(viaTab);
                direct.Add(opened);
            }
        }

        await LicensingTabJourney.AssertNoInnerScrollbarAsync(await ReadyTabAsync(address));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"BENCH subapp ready_p50_ms={Percentile(tab, 50):F0} ready_p95_ms={Percentile(tab, 95):F0} direct_p95_ms={Percentile(direct, 95):F0} ratio={Percentile(tab, 95) / Percentile(direct, 95):F2} runs={Runs}");
        var details = string.Create(CultureInfo.InvariantCulture,
            $"tab (ms): {string.Join(", ", tab.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))} · direct (ms): {string.Join(", ", direct.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}");
        await TestContext.Out.WriteLineAsync(details);
        await TestContext.Out.WriteLineAsync(line);
        if (Environment.GetEnvironmentVariable("NEXUS_BENCH_OUT") is { Length: > 0 } output)
        {
            await File.WriteAllLinesAsync(output, [line, details]);
        }

        tab.Should().HaveCount(Runs);
    }

    private async Task<IPage> ReadyTabAsync(Uri address)
    {
        await LicensingTabJourney.OpenTabAsync(Page, address);
        return Page;
    }

    /// <summary>From the start of <paramref name="navigate"/> on the account overview to the target page's ready mark.</summary>
    private async Task<double> MeasureAsync(Uri address, Func<Task> navigate)
    {
        await Page.GotoAsync(new Uri(address, "/account").ToString());
        await Page.EvaluateAsync("() => sessionStorage.setItem('t0', String(Date.now()))");
        await navigate();
        try
        {
            await Page.WaitForFunctionAsync("() => window.__readyAt", null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"never ready: {Page.Url} state={await Page.EvaluateAsync<string?>("() => document.querySelector('[data-nexus-subapp]')?.dataset.subappState ?? document.documentElement.dataset.bridge")} probe={await Page.EvaluateAsync<string?>("() => typeof window.__readyAt")}");
        }

        return await Page.EvaluateAsync<double>("() => window.__readyAt - Number(sessionStorage.getItem('t0'))");
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
