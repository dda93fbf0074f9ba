using Nexus.Shared.Web;

namespace Nexus.UnitTests.Shared;

internal sealed class ContentSecurityPolicyTests
{
    [Test]
    public void Scripts_and_styles_need_the_request_nonce_and_inline_code_is_never_allowed()
    {
        var policy = new ContentSecurityPolicy();
        var header = policy.Build();
        header.Should().Contain($"script-src 'self' 'nonce-{policy.Nonce}'");
        header.Should().Contain($"style-src 'self' 'nonce-{policy.Nonce}'");
        header.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        header.Should().EndWith("frame-ancestors 'self'");
    }

    [Test]
    public void Inline_styles_can_be_admitted_for_one_response_without_touching_scripts()
    {
        // The jobs dashboard's case: a nonce would make browsers ignore 'unsafe-inline', so it is left out of style-src.
        var policy = new ContentSecurityPolicy { AllowInlineStyles = true };
        var header = policy.Build();
        header.Should().Contain("style-src 'self' 'unsafe-inline';");
        header.Should().Contain($"script-src 'self' 'nonce-{policy.Nonce}';");
        header.Should().NotContain("unsafe-eval");
    }

    [Test]
    public void Every_request_gets_a_fresh_unguessable_nonce()
    {
        var nonces = Enumerable.Range(0, 100).Select(_ => new ContentSecurityPolicy().Nonce).ToHashSet();
        nonces.Should().HaveCount(100);
        nonces.Should().OnlyContain(n => n.Length >= 24);
    }

    [Test]
    public void An_endpoint_can_name_the_origins_allowed_to_frame_it()
    {
        var policy = new ContentSecurityPolicy();
        policy.FrameAncestors.Clear();
        policy.FrameAncestors.Add("https://shop.example");
        policy.Build().Should().EndWith("frame-ancestors https://shop.example");
    }
}
