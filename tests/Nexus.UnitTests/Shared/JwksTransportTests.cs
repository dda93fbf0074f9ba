using Nexus.Shared.Security.Tokens;

namespace Nexus.UnitTests.Shared;

/// <summary>Issue 13 item 7: the shop's public keys travel over HTTPS, plain HTTP only in Development or on loopback.</summary>
internal sealed class JwksTransportTests
{
    [TestCase("https://shop.example/.well-known/jwks.json", false, true)]
    [TestCase("http://shop.example/.well-known/jwks.json", false, false)]
    [TestCase("http://10.0.0.5:5000/.well-known/jwks.json", false, false)]
    [TestCase("http://127.0.0.1:5000/.well-known/jwks.json", false, true)]
    [TestCase("http://localhost:5000/.well-known/jwks.json", false, true)]
    [TestCase("http://shop.example/.well-known/jwks.json", true, true)]
    [TestCase("ftp://shop.example/jwks.json", false, false)]
    public void Plain_http_is_allowed_only_in_development_or_on_loopback(string url, bool development, bool allowed) =>
        JwksTransport.IsAllowed(new Uri(url), development).Should().Be(allowed);
}
