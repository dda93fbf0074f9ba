using System.Net;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>Sign-in, registration and password reset answer 429 with Retry-After once an IP exceeds its limit.</summary>
internal sealed class RateLimitTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory(new Dictionary<string, string?>
    {
        ["Identity:SignInPerMinute"] = "2",
        ["Identity:RegisterPerMinute"] = "2",
        ["Identity:PasswordResetPerMinute"] = "2",
    });

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [TestCase("/account/login", "Input.Email")]
    [TestCase("/account/register", "Input.Email")]
    [TestCase("/account/forgot-password", "Email")]
    public async Task The_third_post_in_a_minute_is_refused_with_retry_after(string path, string emailField)
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });
        var fields = new Dictionary<string, string> { [emailField] = "someone@example.com", ["Input.Password"] = "x" };
        for (var i = 0; i < 2; i++)
        {
            (await client.PostFormAsync(path, fields)).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
        }

        var refused = await client.PostFormAsync(path, fields);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, "showing the form is never limited");
    }
}
