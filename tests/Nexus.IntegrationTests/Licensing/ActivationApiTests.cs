using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Modules.Licensing.Domain;
using Nexus.Modules.Licensing.Features.Activation;
using Nexus.Modules.Licensing.Features.Administration;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Licensing;

/// <summary>The public activation API installed software calls: anonymous, limited per device count and per address.</summary>
internal sealed class ActivationApiTests
{
    private NexusHostFactory host = null!;
    private HttpClient client = null!;

    [SetUp]
    public void StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Modules:Licensing:MaxActivationsPerKey"] = "2",
            ["Modules:Licensing:ActivationRequestsPerMinute"] = "8",
        });
        client = host.CreateClient();
    }

    [TearDown]
    public void StopHost()
    {
        client.Dispose();
        host.Dispose();
    }

    private async Task<IssuedLicenseKey> IssueAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new IssueLicenseKeys(Guid.CreateVersion7(), "customer-1", [new LicensedOrderLine(Guid.CreateVersion7(), "Photo Studio", 1)]));
        return keys.Single();
    }

    private Task<HttpResponseMessage> ActivateAsync(string key, string device) =>
        client.PostAsJsonAsync("/api/licensing/activations", new { key, deviceId = device, deviceName = device });

    [Test]
    public async Task Activation_counts_devices_up_to_the_limit_and_explains_refusals_as_problem_details()
    {
        var key = await IssueAsync();

        (await (await ActivateAsync(key.Key, "pc-1")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("activated");
        var again = await (await ActivateAsync(key.Key.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), "pc-1")).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("status").GetString().Should().Be("already-active", "keys are accepted as people type them");
        (await ActivateAsync(key.Key, "pc-2")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var refused = await ActivateAsync(key.Key, "pc-3");
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().Should().EndWith("/activation-limit");

        using var freed = await client.PostAsJsonAsync("/api/licensing/deactivations", new { key = key.Key, deviceId = "pc-1" });
        (await freed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("deactivated");
        (await ActivateAsync(key.Key, "pc-3")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_deactivation_reports_what_it_did_never_an_activation()
    {
        var key = await IssueAsync();
        (await ActivateAsync(key.Key, "pc-1")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var freed = await mediator.Send(new DeactivateDevice(key.Key, "pc-1"));
            freed.Should().BeEquivalentTo(new { Outcome = ActivationOutcome.Deactivated, Changed = true, ActiveDevices = 0 });
            var again = await mediator.Send(new DeactivateDevice(key.Key, "pc-1"));
            again.Should().BeEquivalentTo(new { Outcome = ActivationOutcome.NotActive, Changed = false, ActiveDevices = 0 });
        }

        using var response = await client.PostAsJsonAsync("/api/licensing/deactivations", new { key = key.Key, deviceId = "pc-1" });
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().Should().Be("not-active");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            (await mediator.Send(new RevokeKey(key.Id))).Should().BeTrue();
            (await mediator.Send(new DeactivateDevice(key.Key, "pc-1")))!.Outcome.Should().Be(ActivationOutcome.Revoked);
        }
    }

    [Test]
    public async Task Unknown_and_revoked_keys_are_refused()
    {
        using var unknown = await ActivateAsync("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "pc-1");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Unknown license key.");

        var key = await IssueAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RevokeKey(key.Id))).Should().BeTrue();
        }

        (await ActivateAsync(key.Key, "pc-1")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Missing_fields_are_a_validation_problem()
    {
        using var response = await client.PostAsJsonAsync("/api/licensing/activations", new { key = "X" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("DeviceId", out _).Should().BeTrue();
    }

    [Test]
    public async Task Each_address_is_rate_limited()
    {
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 10; i++)
        {
            using var response = await ActivateAsync("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "pc");
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.ToString();
        }

        retryAfter.Should().NotBeNull("a refused caller learns when to try again");

        statuses.Take(8).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.NotFound));
        statuses.Skip(8).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.TooManyRequests));
    }
}
