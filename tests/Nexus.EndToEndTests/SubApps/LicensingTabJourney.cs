using System.Text.RegularExpressions;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>
/// The customer's Licensing tab, the same steps in every deployment mode (same-origin, standalone cross-origin):
/// the tab frames the sub-app, sizes it, mirrors its route, draws its toasts and confirms.
/// </summary>
internal static partial class LicensingTabJourney
{
    public static ILocator Container(IPage page) => page.Locator("[data-nexus-subapp=licensing]");

    public static IFrameLocator Frame(IPage page) => page.FrameLocator("iframe.nexus-subapp-frame");

    public static IFrame LiveFrame(IPage page) => page.Frames.Single(f => f.Name == "subapp-licensing");

    public static async Task OpenTabAsync(IPage page, Uri host)
    {
        await page.GotoAsync(new Uri(host, "/account").ToString());
        await page.GetByTestId("tab-licensing").ClickAsync();
        await ReadyAsync(page);
    }

    public static Task ReadyAsync(IPage page) =>
        Assertions.Expect(Container(page)).ToHaveAttributeAsync("data-subapp-state", "ready", new() { Timeout = 10_000 });

    public static async Task RunAsync(IPage page, Uri host, string productName)
    {
        await OpenTabAsync(page, host);
        var frame = Frame(page);

        // The key, per product, with a copy button.
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Name = productName })).ToBeVisibleAsync();
        await Assertions.Expect(frame.GetByTestId("license-key")).ToHaveCountAsync(1);
        (await page.TitleAsync()).Should().StartWith("Your license keys · ");

        // Sized to its content: no scrollbar inside the frame.
        await AssertNoInnerScrollbarAsync(page);

        // Copy: the sub-app asks, the host draws the toast.
        await frame.GetByRole(AriaRole.Button, new() { Name = $"Copy the key for {productName}" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nexus-toast")).ToContainTextAsync("Copied to the clipboard");

        // Navigating inside updates the host URL.
        await frame.GetByRole(AriaRole.Link, new() { Name = "Manage devices" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(DetailsUrl());
        var detailsUrl = page.Url;
        await Assertions.Expect(frame.GetByTestId("key-code")).ToBeVisibleAsync();

        // Back and forward move the sub-app and the host URL together.
        await page.EvaluateAsync("() => history.back()");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/licensing$"));
        await Assertions.Expect(frame.GetByTestId("license-key")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => history.forward()");
        await Assertions.Expect(page).ToHaveURLAsync(detailsUrl);
        await Assertions.Expect(frame.GetByTestId("key-code")).ToBeVisibleAsync();

        // Reload restores the sub-app's route.
        await page.ReloadAsync();
        await ReadyAsync(page);
        await Assertions.Expect(frame.GetByTestId("key-code")).ToBeVisibleAsync();
        page.Url.Should().Be(detailsUrl);

        // Activate a device: the confirmation arrives as a host toast.
        await frame.GetByLabel("Activate on a device").FillAsync("Work laptop");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nexus-toast").Last).ToContainTextAsync("Device activated");
        await Assertions.Expect(frame.GetByTestId("device")).ToHaveCountAsync(1);
        await Assertions.Expect(frame.GetByTestId("device-count")).ToHaveTextAsync("1");

        // Deactivate: the host draws the confirm; Cancel keeps the device, OK removes it.
        await frame.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await page.Locator("dialog.nexus-confirm[open] .nexus-confirm-cancel").ClickAsync();
        await Assertions.Expect(frame.GetByTestId("device")).ToHaveCountAsync(1);
        await frame.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.Locator("dialog.nexus-confirm[open]")).ToContainTextAsync("Deactivate Work laptop?");
        await page.Locator("dialog.nexus-confirm[open] .nexus-confirm-ok").ClickAsync();
        await Assertions.Expect(frame.GetByTestId("device")).ToHaveCountAsync(0);
        await Assertions.Expect(frame.GetByTestId("history")).ToHaveCountAsync(3);
        await Assertions.Expect(frame.GetByTestId("history").First).ToContainTextAsync("Deactivated");
    }

    /// <summary>
    /// The frame grows to its content through the bridge's resize message, one animation frame and a postMessage after the
    /// content changed — so a key that has just appeared may be taller than the frame for a moment. Wait up to a second for
    /// the host to catch up (the bridge's own budget), then say how far apart they are if it did not.
    /// </summary>
    public static async Task AssertNoInnerScrollbarAsync(IPage page)
    {
        var frame = LiveFrame(page);
        const string fits = "() => document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1";
        try
        {
            await frame.WaitForFunctionAsync(fits, null, new() { Timeout = 1_000 });
        }
        catch (TimeoutException)
        {
        }

        var sizes = await frame.EvaluateAsync<int[]>("() => [document.documentElement.scrollHeight, document.documentElement.clientHeight]");
        sizes[0].Should().BeLessThanOrEqualTo(sizes[1] + 1, "the frame grows to its content within a second");
    }

    [GeneratedRegex("/account/licensing/keys/[0-9a-f-]{36}$")]
    public static partial Regex DetailsUrl();
}
