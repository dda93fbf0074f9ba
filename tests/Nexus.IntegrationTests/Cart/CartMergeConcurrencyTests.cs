using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Features.ChangeCart;
using Nexus.Modules.Cart.Features.MergeCarts;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Cart;

/// <summary>
/// The same guest cart merged by several requests at once (tabs opening after sign-in), on SQLite and PostgreSQL:
/// exactly one merge commits, the others fail on the concurrency token and change nothing — no item lost, none doubled.
/// </summary>
internal sealed class CartMergeConcurrencyTests
{
    [Test]
    public async Task Concurrent_merges_of_one_guest_cart_count_it_once_on_sqlite()
    {
        using var host = new NexusHostFactory();
        await MergeConcurrentlyAsync(host);
    }

    [Test]
    public async Task Concurrent_merges_of_one_guest_cart_count_it_once_on_postgres()
    {
        using var host = await NexusHostFactory.OnPostgresAsync();
        await MergeConcurrentlyAsync(host);
    }

    private static async Task MergeConcurrentlyAsync(NexusHostFactory host)
    {
        _ = host.Server;
        var shared = await host.ProductAsync(1000, 100);
        var guestOnly = await host.ProductAsync(500, 100);
        foreach (var round in Enumerable.Range(0, 5))
        {
            var customer = $"merge-race-{round}-{Guid.NewGuid():N}";
            var guest = $"guest-race-{round}-{Guid.NewGuid():N}"[..43];
            await SendAsync(host, new AddToCart(new CartOwner(customer, null), shared, 1 + round));
            await SendAsync(host, new AddToCart(new CartOwner(null, guest), shared, 2));
            await SendAsync(host, new AddToCart(new CartOwner(null, guest), guestOnly, 3));

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
            {
                try
                {
                    return await SendAsync(host, new MergeGuestCart(customer, guest)) ? "merged" : "nothing";
                }
                catch (DbUpdateException)
                {
                    return "lost the race";
                }
            }));

            outcomes.Count(o => o == "merged").Should().Be(1, $"round {round}: {string.Join(", ", outcomes)}");
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
            (await db.Carts.AnyAsync(c => c.GuestToken == guest)).Should().BeFalse("the guest cart is gone");
            var cart = await db.Carts.Include(c => c.Lines).SingleAsync(c => c.CustomerId == customer);
            cart.Lines.Single(l => l.VariantId == shared).Quantity.Should().Be(1 + round + 2, "summed once");
            cart.Lines.Single(l => l.VariantId == guestOnly).Quantity.Should().Be(3);
        }
    }

    private static async Task<T> SendAsync<T>(NexusHostFactory host, IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
