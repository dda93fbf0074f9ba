using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace Nexus.Testing;

/// <summary>
/// Base class for browser tests: each test gets a fresh <see cref="Context"/> and <see cref="Page"/>
/// in the shared Chromium, browser-side errors are collected for <see cref="AssertNoConsoleErrors"/>,
/// and a failing test leaves a screenshot, the page HTML and the collected errors in
/// <c>WorkDirectory/artifacts/</c>, attached to the test result.
/// </summary>
/// <remarks>
/// One instance per test case, so tests of a fixture can run in parallel without sharing a page.
/// </remarks>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public abstract class BrowserTest
{
    private readonly ConcurrentQueue<string> _browserErrors = new();
    private IBrowserContext? _context;
    private IPage? _page;

    protected IBrowserContext Context => _context ?? throw new InvalidOperationException("The browser context exists only while a test runs.");

    protected IPage Page => _page ?? throw new InvalidOperationException("The page exists only while a test runs.");

    /// <summary>Console errors, uncaught page errors and failed requests seen so far in this test.</summary>
    protected IReadOnlyList<string> BrowserErrors => [.. _browserErrors];

    /// <summary>Options for each test's context; override to set a BaseURL, a viewport, storage state.</summary>
    protected virtual BrowserNewContextOptions ContextOptions() => new()
    {
        // The same rendering and date formatting on every machine.
        Locale = "en-US",
        TimezoneId = "UTC",
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        // Kestrel's development certificate is not trusted in CI.
        IgnoreHTTPSErrors = true,
    };

    /// <summary>Fails the test if the browser reported console errors, page errors or failed requests.</summary>
    protected void AssertNoConsoleErrors()
    {
        var errors = BrowserErrors;
        if (errors.Count > 0)
        {
            Assert.Fail($"The browser reported {errors.Count} error(s):\n  " + string.Join("\n  ", errors));
        }
    }

    // Distinct names: a derived [SetUp] with the same name would hide these and skip them.
    [SetUp]
    public async Task BrowserTestSetUpAsync()
    {
        var browser = await ChromiumBrowser.SharedAsync();
        _context = await browser.NewContextAsync(ContextOptions());
        // Context-wide, so popups and new tabs are watched too.
        _context.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _browserErrors.Enqueue($"console error: {message.Text} (at {message.Location})");
            }
        };
        _context.WebError += (_, error) => _browserErrors.Enqueue($"page error: {error.Error}");
        _context.RequestFailed += (_, request) =>
        {
            // A live stream (Server-Sent Events) is open until its page goes away, so leaving the page aborts it:
            // that is its normal end, not a failure.
            if (!IsAbortedEventStream(request))
            {
                _browserErrors.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
            }
        };
        _page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task BrowserTestTearDownAsync()
    {
        try
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed && _page is { IsClosed: false })
            {
                await SaveArtifactsAsync(_page);
            }
        }
        finally
        {
            if (_context is not null)
            {
                try
                {
                    await _context.CloseAsync();
                }
                catch (PlaywrightException)
                {
                    // The browser is gone (crashed); the next test's SharedAsync relaunches it.
                }
            }

            _context = null;
            _page = null;
        }
    }

    private static bool IsAbortedEventStream(IRequest request) =>
        request.Failure == "net::ERR_ABORTED"
        && request.Headers.TryGetValue("accept", out var accept)
        && accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    private async Task SaveArtifactsAsync(IPage page)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, FileStem(TestContext.CurrentContext.Test.FullName));

        // Each artifact on its own: a hung page must not cost us the others, nor hide the
        // test's own failure behind a teardown error.
        await TryAsync(async () =>
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true, Timeout = 10_000 });
            TestContext.AddTestAttachment(stem + ".png", "Screenshot at failure");
        });
        await TryAsync(async () =>
        {
            await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
            TestContext.AddTestAttachment(stem + ".html", "Page HTML at failure");
        });
        await TryAsync(async () =>
        {
            var errors = BrowserErrors;
            await File.WriteAllTextAsync(stem + ".browser.log", $"URL: {page.Url}\n" + string.Join('\n', errors) + "\n");
            TestContext.AddTestAttachment(stem + ".browser.log", "Browser errors");
        });
    }

    private static async Task TryAsync(Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or IOException)
        {
            TestContext.Out.WriteLine($"Could not save a failure artifact: {e.Message}");
        }
    }

    /// <summary>A file name from a test's full name: parameters make it long and odd.</summary>
    private static string FileStem(string testName)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat("\"'<>|:*?/\\ ()[],").ToHashSet();
        var safe = new string(testName.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
        if (safe.Length <= 100)
        {
            return safe;
        }

        // Keep it unique after truncation.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(testName)))[..8];
        return safe[..100] + "-" + hash;
    }
}
