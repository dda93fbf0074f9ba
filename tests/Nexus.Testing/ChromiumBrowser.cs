using Microsoft.Playwright;

namespace Nexus.Testing;

/// <summary>
/// One headless Chromium per test process, driven by Playwright. It is the distribution's
/// Chromium (/usr/bin/chromium), because <c>playwright install</c> cannot download browsers here.
/// Tests isolate themselves with a new browser context each (see <see cref="BrowserTest"/>).
/// </summary>
public static class ChromiumBrowser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly Lock SharedLock = new();
    private static Task<IBrowser>? _browser;
    private static IPlaywright? _playwright;
    private static long _exitHook;

    /// <summary>
    /// The shared browser, launched on first use and closed when the process exits; relaunched if
    /// it crashed. Do not close or dispose it.
    /// </summary>
    public static Task<IBrowser> SharedAsync()
    {
        lock (SharedLock)
        {
            if (_browser is null
                || _browser.IsFaulted
                || _browser.IsCanceled
                || (_browser.IsCompletedSuccessfully && !_browser.Result.IsConnected))
            {
                _browser = LaunchAsync();
            }

            return _browser;
        }
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed ({ExecutablePath} not found). {ExternalProcess.InstallHint}");
        }

        // A crashed browser may have taken the driver down with it: start from a clean slate.
        ShutDown();
        // Starts Playwright's node driver, which the Microsoft.Playwright package copies into the
        // test project's output (.playwright/); it also talks to the browser and kills it when
        // our end of its stdin pipe closes, even after a SIGKILL of the test host.
        var playwright = await Playwright.CreateAsync();
        IBrowser browser;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = 60_000, // A cold start on a busy 2-core CI machine can be slow.
                Args =
                [
                    "--no-sandbox", // Required as root; CI runs as root.
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage", // Small /dev/shm in containers crashes tabs.
                ],
            });
        }
        catch
        {
            playwright.Dispose();
            throw;
        }

        lock (SharedLock)
        {
            _playwright = playwright;
            if (_exitHook == 0)
            {
                _exitHook = ExitHooks.Register(ShutDown);
            }
        }

        return browser;
    }

    private static void ShutDown()
    {
        IPlaywright? playwright;
        Task<IBrowser>? browser;
        lock (SharedLock)
        {
            playwright = _playwright;
            browser = _browser;
            _playwright = null;
        }

        if (playwright is null)
        {
            return;
        }

        try
        {
            if (browser is { IsCompletedSuccessfully: true, Result.IsConnected: true })
            {
                browser.Result.CloseAsync().Wait(TimeSpan.FromSeconds(5));
            }
        }
        catch (AggregateException)
        {
            // Disposing the driver below kills the browser anyway.
        }
        finally
        {
            // Stops the node driver.
            playwright.Dispose();
        }
    }
}
