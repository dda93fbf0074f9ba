using Nexus.Shared.SubApps;

namespace Nexus.UnitTests.Shared;

/// <summary>
/// Issue 13 item 6, server side: the same table of hostile paths the bridge's safeRootPath refuses in Chromium
/// (tests/Nexus.EndToEndTests/Bridge/www/host-tests.js).
/// </summary>
internal sealed class SubAppPathsTests
{
    [TestCase("/\\evil.example")]
    [TestCase("/\\/evil.example")]
    [TestCase("/\t/evil.example")]
    [TestCase("/\n/evil.example")]
    [TestCase("/\r/evil.example")]
    [TestCase("///evil.example")]
    [TestCase("//evil.example")]
    [TestCase("/.//evil.example")]
    [TestCase("/..//evil.example")]
    [TestCase("https://evil.example/")]
    [TestCase("javascript:alert(1)")]
    [TestCase("evil.example")]
    [TestCase("")]
    [TestCase(null)]
    public void Hostile_paths_are_refused(string? path) => SubAppPaths.SafeRootPath(path).Should().BeNull();

    [TestCase("/", "/")]
    [TestCase("/keys/42?x=1#top", "/keys/42?x=1#top")]
    [TestCase("/keys/../admin", "/admin")]
    public void Root_relative_paths_pass_normalised(string path, string expected) => SubAppPaths.SafeRootPath(path).Should().Be(expected);

    [TestCase("/\\/evil.example")]
    [TestCase("///evil.example")]
    public void A_remote_sub_apps_frame_url_never_leaves_its_base(string route)
    {
        var app = new RegisteredSubApp(new SubAppDefinition("licensing", "Licensing"), new SubAppSettings { Url = new Uri("https://licensing.example/apps/licensing/") });
        app.UrlFor(route).Should().Be("https://licensing.example/apps/licensing/");
    }
}
