using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Licensing.Domain;
using Nexus.Modules.Licensing.Features.Activation;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Licensing;

/// <summary>
/// Issue 13 item 5: the device limit holds under parallel activations (before: 50 parallel activations of a
/// 3-device key left 16 to 33 devices active — the count was read, then saved later with no check).
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
internal sealed class ActivationRaceTests(string provider)
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        var settings = new Dictionary<string, string?> { ["Modules:Licensing:MaxActivationsPerKey"] = "3" };
        host = provider == "Postgres" ? await NexusHostFactory.OnPostgresAsync(settings) : new NexusHostFactory(settings);
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Fifty_parallel_activations_of_a_three_device_key_activate_exactly_three()
    {
        IssuedLicenseKey key;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            key = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new IssueLicenseKeys(Guid.CreateVersion7(), "customer-race", [new LicensedOrderLine(Guid.CreateVersion7(), "Race Car", 1)]))).Single();
        }

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(1, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ActivateDevice(key.Key, $"device-{i}", $"Device {i}"));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Count(r => r!.Outcome == ActivationOutcome.Activated).Should().Be(3);
        results.Count(r => r!.Outcome == ActivationOutcome.LimitReached).Should().Be(47);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LicensingDbContext>();
            var stored = await db.Keys.Include(k => k.Activations).SingleAsync(k => k.Id == key.Id);
            stored.ActiveCount.Should().Be(3, "the database holds no more active devices than the key allows");
        }
    }
}
