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
        ["Identity:RegisterPerMinute"] = "10000",
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

    [Test]
    public async Task Registering_a_taken_address_takes_as_long_as_a_new_one_and_a_weak_password_gets_the_same_answer()
    {
        await IdentityTestUsers.CreateAsync(host, "registered@example.com", NexusRoles.Customer);
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });

        // Identity's password rules are checked before the address is looked up: the same refusal either way.
        var weakTaken = await RegisterAsync(client, "registered@example.com", "alllowercase");
        var weakNew = await RegisterAsync(client, "weak-new@example.com", "alllowercase");
        weakTaken.Body.Should().NotContain("Check your inbox").And.Contain("field-validation-error");
        Scrub(weakTaken.Body).Should().Be(Scrub(weakNew.Body).Replace("weak-new@example.com", "registered@example.com", StringComparison.Ordinal));

        await RegisterAsync(client, "registered@example.com", "Good-Password-1");
        await RegisterAsync(client, "warm-up@example.com", "Good-Password-1");
        var taken = new List<double>();
        var fresh = new List<double>();
        for (var i = 0; i < Attempts; i++)
        {
            taken.Add((await RegisterAsync(client, "registered@example.com", "Good-Password-1")).Milliseconds);
            fresh.Add((await RegisterAsync(client, $"fresh-{i}@example.com", "Good-Password-1")).Milliseconds);
        }

        var ratio = Median(taken) / Median(fresh);
        TestContext.Out.WriteLine($"median registration: taken {Median(taken):F1} ms, new {Median(fresh):F1} ms, ratio {ratio:F2}");
        ratio.Should().BeInRange(0.6, 1.6, "a taken address must cost the hashing time of a new account");
    }

    private static async Task<(string Body, double Milliseconds)> RegisterAsync(HttpClient client, string email, string password)
    {
        var token = FormPoster.TokenOf(await client.GetStringAsync("/account/register"));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = token,
        });
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/account/register", form);
        var body = await response.Content.ReadAsStringAsync();
        return (body, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    // The two pages differ only in their antiforgery tokens and the nonce.
    private static string Scrub(string html) => Nexus.IntegrationTests.Identity.IdentityPages.Scrub(html);

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
