using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Domain;
using Nexus.Modules.Cart.Features.Expiry;
using Nexus.Shared.Scheduling;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Cart;

/// <summary>
/// The recurring job <c>cart.delete-abandoned-guest-carts</c> (issue 15): guest carts untouched for
/// <c>Modules:Cart:GuestCartLifetime</c> go with their lines; a fresh guest cart, a customer's cart and a guest cart
/// whose order still waits for payment stay.
/// </summary>
internal sealed class AbandonedGuestCartTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Modules:Cart:GuestCartLifetime"] = "30.00:00:00" });
        _ = host.Server;
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Guest_carts_untouched_for_their_lifetime_are_deleted_and_the_others_stay()
    {
        var old = DateTime.UtcNow.AddDays(-31);
        var abandoned = ShoppingCart.ForGuest(Token("abandoned"), old);
        abandoned.Add(Guid.NewGuid(), 2, 1500, 99, old);
        var fresh = ShoppingCart.ForGuest(Token("fresh"), DateTime.UtcNow.AddDays(-29));
        var customers = ShoppingCart.ForCustomer("customer-" + Guid.NewGuid().ToString("N"), old);
        var awaitingPayment = ShoppingCart.ForGuest(Token("awaiting"), old);
        var orderId = Guid.NewGuid();
        await WithCartDbAsync(async db =>
        {
            db.Carts.AddRange(abandoned, fresh, customers, awaitingPayment);
            db.Checkouts.Add(new CartCheckout(orderId, awaitingPayment.Id, "NX-AWAITING", null, [(Guid.NewGuid(), 1)], old));
            await db.SaveChangesAsync();
            return 0;
        });

        host.Services.GetServices<RecurringJobDefinition>().Should().Contain(j => j.Id == DeleteAbandonedGuestCartsJob.Id);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeleteAbandonedGuestCartsJob>().RunAsync(CancellationToken.None);
        }

        var left = await WithCartDbAsync(db => db.Carts.AsNoTracking().Select(c => c.Id).ToListAsync());
        left.Should().NotContain(abandoned.Id, "untouched for longer than its cookie lives");
        left.Should().Contain([fresh.Id, customers.Id, awaitingPayment.Id]);
        (await WithCartDbAsync(db => db.Lines.CountAsync(l => l.CartId == abandoned.Id))).Should().Be(0, "its lines went with it");
        (await WithCartDbAsync(db => db.Checkouts.CountAsync(c => c.OrderId == orderId))).Should().Be(1);
    }

    private static string Token(string name) => (name + Guid.NewGuid().ToString("N")).PadRight(43, 'x')[..43];

    private async Task<T> WithCartDbAsync<T>(Func<CartDbContext, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CartDbContext>());
    }
}
