using Nexus.Modules.Payments.Domain;

namespace Nexus.UnitTests.Payments;

/// <summary>The webhook signature check: HMAC-SHA256 over "{t}.{body}", a 5-minute tolerance either way, strict header parsing.</summary>
internal sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_unit_test_secret_value";
    private const string Body = """{"id":"evt_1","type":"payment_intent.succeeded"}""";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static WebhookVerification Verify(string? header, string body = Body) => WebhookSignature.Verify(header, body, Secret, Now, Tolerance);

    [Test]
    public void A_fresh_signature_over_the_exact_body_verifies() =>
        Verify(WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body)).Should().Be(WebhookVerification.Verified);

    [Test]
    public void A_signature_made_with_another_secret_is_bad() =>
        Verify(WebhookSignature.Sign("whsec_someone_else_entirely", Now.ToUnixTimeSeconds(), Body)).Should().Be(WebhookVerification.BadSignature);

    [Test]
    public void A_changed_body_breaks_the_signature() =>
        Verify(WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body), Body.Replace("succeeded", "failed", StringComparison.Ordinal)).Should().Be(WebhookVerification.BadSignature);

    [Test]
    public void A_changed_timestamp_breaks_the_signature()
    {
        var signed = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var v1 = signed[(signed.IndexOf(",v1=", StringComparison.Ordinal) + 4)..];
        Verify($"t={Now.ToUnixTimeSeconds() - 1},v1={v1}").Should().Be(WebhookVerification.BadSignature, "the timestamp is part of what is signed");
    }

    [TestCase(-299, WebhookVerification.Verified)]
    [TestCase(-301, WebhookVerification.StaleTimestamp)]
    [TestCase(-86_400, WebhookVerification.StaleTimestamp)]
    [TestCase(299, WebhookVerification.Verified)]
    [TestCase(301, WebhookVerification.FutureTimestamp)]
    public void The_timestamp_must_be_within_five_minutes_either_way(int offsetSeconds, WebhookVerification expected) =>
        Verify(WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds() + offsetSeconds, Body)).Should().Be(expected);

    [Test]
    public void One_matching_v1_among_several_verifies_for_secret_rotation()
    {
        var good = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var other = WebhookSignature.Sign("whsec_the_previous_secret_x", Now.ToUnixTimeSeconds(), Body);
        Verify($"{other},{good[(good.IndexOf("v1=", StringComparison.Ordinal))..]}").Should().Be(WebhookVerification.Verified);
    }

    [TestCase(null, WebhookVerification.MissingSignature)]
    [TestCase("", WebhookVerification.MissingSignature)]
    [TestCase("   ", WebhookVerification.MissingSignature)]
    [TestCase("garbage", WebhookVerification.MalformedSignature)]
    [TestCase("t=1764763200", WebhookVerification.MalformedSignature)]
    [TestCase("v1=0000000000000000000000000000000000000000000000000000000000000000", WebhookVerification.MalformedSignature)]
    [TestCase("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000", WebhookVerification.MalformedSignature)]
    [TestCase("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000", WebhookVerification.MalformedSignature)]
    [TestCase("t=99999999999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000", WebhookVerification.MalformedSignature)]
    [TestCase("t=999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000", WebhookVerification.MalformedSignature)]
    [TestCase("t=1764763200,v1=xyz", WebhookVerification.MalformedSignature)]
    [TestCase("t=1764763200,v1=00", WebhookVerification.MalformedSignature)]
    [TestCase("t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000", WebhookVerification.MalformedSignature)]
    [TestCase("=,=", WebhookVerification.MalformedSignature)]
    public void A_malformed_header_is_refused_as_such(string? header, WebhookVerification expected) =>
        Verify(header).Should().Be(expected);

    [Test]
    public void An_oversized_header_is_refused_without_parsing() =>
        Verify("t=1," + new string('a', 10_000)).Should().Be(WebhookVerification.MalformedSignature);
}
