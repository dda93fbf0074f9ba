using Nexus.Shared.Security.Tokens;

namespace Nexus.UnitTests.Shared;

/// <summary>Issue 13 item 7: the shop's public keys travel over HTTPS; plain HTTP only on a developer's machine.</summary>
internal sealed class JwksTransportTests
{
    [TestCase("https://shop.example/.well-known/jwks.json", "Production", true)]
    [TestCase("https://127.0.0.1:5001/.well-known/jwks.json", "Staging", true)]
    [TestCase("http://shop.example/.well-known/jwks.json", "Production", false)]
    [TestCase("http://10.0.0.5:5000/.well-known/jwks.json", "Production", false)]
    [TestCase("http://127.0.0.1:5000/.well-known/jwks.json", "Production", false)]
    [TestCase("http://localhost:5000/.well-known/jwks.json", "Staging", false)]
    [TestCase("http://shop.example/.well-known/jwks.json", "Development", true)]
    [TestCase("http://127.0.0.1:5000/.well-known/jwks.json", "Testing", true)]
    [TestCase("ftp://shop.example/jwks.json", "Development", false)]
    public void Plain_http_is_allowed_only_on_a_developers_machine(string url, string environment, bool allowed) =>
        JwksTransport.IsAllowed(new Uri(url), environment).Should().Be(allowed);
}
