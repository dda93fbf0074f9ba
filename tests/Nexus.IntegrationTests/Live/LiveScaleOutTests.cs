using Nexus.IntegrationTests.Cart;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Live;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Live;

/// <summary>Two instances sharing Redis: a change made through one reaches a browser connected to the other (the backplane).</summary>
internal sealed class LiveScaleOutTests
{
    [Test]
    public async Task A_cart_change_made_on_instance_A_reaches_a_connection_on_instance_B()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString };
        using var a = new NexusHostFactory(settings).WithTestAuthentication();
        using var b = new NexusHostFactory(settings).WithTestAuthentication();
        _ = a.Server;
        _ = b.Server;
        var product = await a.ProductAsync(2_000, stock: 5);
        await using var onB = await LiveClient.ConnectAsync(b, o => o.Headers[TestAuthenticationHandler.Header] = "scale-out-shopper;" + NexusRoles.Customer);

        using var browserOnA = a.CreateClientAs("scale-out-shopper", NexusRoles.Customer);
        await LiveClient.AddSignedInAsync(browserOnA, product, 3);

        await Eventually.TrueAsync(() => Task.FromResult(onB.HeardType(LiveMessageTypes.CartUpdated)), TimeSpan.FromSeconds(20), "B's connection should hear A's change through Redis");
        onB.Messages.First(m => m.Type == LiveMessageTypes.CartUpdated).Payload.GetProperty("itemCount").GetInt32().Should().Be(3);
    }
}
