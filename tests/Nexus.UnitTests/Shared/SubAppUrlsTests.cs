using Microsoft.Extensions.Configuration;
using Nexus.Shared.Startup;
using Nexus.Shared.SubApps;

namespace Nexus.UnitTests.Shared;

/// <summary>
/// Configured sub-app addresses are checked at start-up (issue 13, item 6): remote apps and the shop's address are
/// absolute http(s) bases; the token URL is a safe root-relative path; a bad value names its setting.
/// </summary>
internal sealed class SubAppUrlsTests
{
    [TestCase("https://licensing.shop.example/apps/licensing/")]
    [TestCase("http://127.0.0.1:5100/")]
    [TestCase("https://shop.example")]
    public void An_absolute_http_base_passes(string value) =>
        SubAppUrls.AbsoluteBase(value, "SubApps:licensing:Url")!.AbsoluteUri.Should().StartWith(value.TrimEnd('/'));

    [TestCase("licensing.shop.example/apps/licensing/")]
    [TestCase("/apps/licensing/")]
    [TestCase("//evil.example/")]
    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,hi")]
    [TestCase("ftp://licensing.shop.example/")]
    [TestCase("file:///etc/passwd")]
    [TestCase("https://user:secret@licensing.shop.example/")]
    [TestCase("https://licensing.shop.example/?next=https://evil.example")]
    [TestCase("https://licensing.shop.example/#x")]
    [TestCase("https://licensing.shop.example/\\evil.example/")]
    public void A_hostile_or_malformed_base_stops_start_up_naming_the_setting(string value)
    {
        var check = () => SubAppUrls.AbsoluteBase(value, "SubApps:licensing:Url");
        check.Should().Throw<StartupConfigurationException>().Which.Setting.Should().Be("SubApps:licensing:Url");
    }

    [Test]
    public void An_empty_base_means_not_configured() => SubAppUrls.AbsoluteBase("  ", "SubApps:licensing:Url").Should().BeNull();

    [TestCase(null, "/api/identity/tokens")]
    [TestCase("/api/identity/tokens", "/api/identity/tokens")]
    [TestCase("/gateway/tokens", "/gateway/tokens")]
    public void The_token_url_is_a_root_relative_path(string? value, string expected) =>
        SubAppUrls.TokenUrl(Settings(value)).Should().Be(expected);

    [TestCase("https://evil.example/tokens")]
    [TestCase("//evil.example/tokens")]
    [TestCase("/\\evil.example")]
    [TestCase("api/identity/tokens")]
    [TestCase("/api/../../tokens")]
    [TestCase("/api/identity/tokens\t")]
    public void A_token_url_off_this_site_stops_start_up_naming_the_setting(string value)
    {
        var check = () => SubAppUrls.TokenUrl(Settings(value));
        check.Should().Throw<StartupConfigurationException>().Which.Setting.Should().Be(SubAppUrls.TokenUrlSetting);
    }

    [Test]
    public void Registering_a_sub_app_with_a_bad_url_stops_start_up()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SubApps:licensing:Url"] = "licensing.example" }).Build();
        var register = () => new SubAppRegistry().Add(new SubAppDefinition("licensing", "Licenses"), configuration, servedHere: false);
        register.Should().Throw<StartupConfigurationException>().Which.Setting.Should().Be("SubApps:licensing:Url");
    }

    private static IConfiguration Settings(string? tokenUrl) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SubAppUrls.TokenUrlSetting] = tokenUrl }).Build();
}
