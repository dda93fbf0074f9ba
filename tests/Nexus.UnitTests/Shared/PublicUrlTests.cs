using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Nexus.Shared.Startup;
using Nexus.Shared.Web;

namespace Nexus.UnitTests.Shared;

/// <summary>Nexus:PublicUrl: required outside Development, an absolute http(s) base; host filtering follows it.</summary>
internal sealed class PublicUrlTests
{
    [Test]
    public void Outside_development_a_missing_public_url_stops_start_up_naming_the_setting()
    {
        var resolve = () => PublicUrl.Resolve(Settings(), new Environment("Production"));
        resolve.Should().Throw<StartupConfigurationException>().Which.Setting.Should().Be(PublicUrl.Setting);
    }

    [Test]
    public void Development_defaults_to_the_first_listening_url_with_wildcards_as_localhost()
    {
        PublicUrl.Resolve(Settings(("urls", "http://*:5080;https://*:5081")), new Environment("Development")).BaseUri.Should().Be(new Uri("http://localhost:5080/"));
        PublicUrl.Resolve(Settings(), new Environment("Development")).BaseUri.Should().Be(new Uri(PublicUrl.DevelopmentDefault));
    }

    [Test]
    public void Links_are_built_under_the_configured_base_and_path()
    {
        var url = PublicUrl.Resolve(Settings((PublicUrl.Setting, "https://example.com/shop")), new Environment("Production"));
        url.Absolute("/account/login").Should().Be("https://example.com/shop/account/login");
        url.Origin.Should().Be("https://example.com");
    }

    [Test]
    public void Allowed_hosts_are_the_public_host_plus_extras_and_star_only_when_set()
    {
        var url = new PublicUrl(new Uri("https://shop.example/"));
        PublicUrlServiceCollectionExtensions.AllowedHosts(url, null, development: false).Should().Equal("shop.example");
        PublicUrlServiceCollectionExtensions.AllowedHosts(url, "probe.internal; 10.0.0.5", development: false).Should().Equal("shop.example", "probe.internal", "10.0.0.5");
        PublicUrlServiceCollectionExtensions.AllowedHosts(url, "*", development: false).Should().Equal("*");
        PublicUrlServiceCollectionExtensions.AllowedHosts(url, null, development: true).Should().Contain(["shop.example", "localhost", "127.0.0.1"]);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Nexus";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
