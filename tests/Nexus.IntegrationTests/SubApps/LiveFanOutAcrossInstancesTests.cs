using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.SubApps;

/// <summary>Two instances on one Redis: a key issued on one reaches the customer's stream held by the other.</summary>
[NonParallelizable]
internal sealed class LiveFanOutAcrossInstancesTests
{
    [Test]
    public async Task A_key_issued_on_one_instance_is_announced_on_a_stream_held_by_another()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString };
        using var first = new NexusHostFactory(settings).WithTestAuthentication();
        using var second = new NexusHostFactory(settings).WithTestAuthentication();
        // Each instance has its own database here: only the fan-out is shared, which is all this is about.
        var customer = (await Identity.IdentityTestUsers.CreateAsync(second, "pia@example.com", NexusRoles.Customer)).Id;
        using var client = second.CreateClient();
        await using var stream = await LiveStreamClient.OpenAsync(client, await LiveStreamClient.MintAsync(second, customer));

        await using (var scope = first.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new IssueLicenseKeys(Guid.CreateVersion7(), customer, [new LicensedOrderLine(Guid.CreateVersion7(), "Map Maker", 1)]));
        }

        (await stream.NextEventAsync(TimeSpan.FromSeconds(5))).Should().Be(("changed", "keys"));
    }
}
