using System.Diagnostics;
using Nexus.IntegrationTests.Identity;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Security;

/// <summary>
/// Issue 13, item 2: sign-in spends the same time hashing whether or not the address has an account, so a stopwatch
/// does not tell who has one (before, an unknown address was answered without hashing, several times faster).
/// </summary>
internal sealed class SignInTimingTests
{
    private const int Attempts = 15;

    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory(new Dictionary<string, string?>
    {
        // Neither lockout nor the rate limits may cut the measured attempts short (a locked account answers early).
        ["Identity:MaxFailedSignIns"] = "100",
        ["Identity:SignInPerMinute"] = "10000",
        ["Identity:SignInPerEmailPerMinute"] = "10000",
    });

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task An_unknown_address_takes_as_long_to_refuse_as_a_wrong_password_for_a_real_account()
    {
        await IdentityTestUsers.CreateAsync(host, "timed@example.com", NexusRoles.Customer);
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });

        // Warm up both paths (JIT, the antiforgery key, the fixed hash) before measuring.
        await SignInAsync(client, "timed@example.com");
        await SignInAsync(client, "nobody-here@example.com");

        // Interleaved, so a burst of load on the shared machine hits both series alike; medians ignore the outliers.
        var existing = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < Attempts; i++)
        {
            existing.Add(await SignInAsync(client, "timed@example.com"));
            unknown.Add(await SignInAsync(client, $"nobody-{i}@example.com"));
        }

        var ratio = Median(unknown) / Median(existing);
        TestContext.Out.WriteLine($"median sign-in: unknown {Median(unknown):F1} ms, wrong password {Median(existing):F1} ms, ratio {ratio:F2}");
        ratio.Should().BeInRange(0.6, 1.6, "an unknown address must cost the same hashing time as a real account's wrong password");
    }

    /// <summary>Milliseconds for one failed sign-in POST (the form's GET, for its antiforgery token, is not timed).</summary>
    private static async Task<double> SignInAsync(HttpClient client, string email)
    {
        var token = FormPoster.TokenOf(await client.GetStringAsync("/account/login"));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "Wrong-Password-7",
            ["__RequestVerificationToken"] = token,
        });
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/account/login", form);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        body.Should().Contain("couldn&#x27;t sign you in");
        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
