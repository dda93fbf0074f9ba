using MediatR;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Ordering.Features.PlaceOrder;
using Nexus.Modules.Ordering.Features;

namespace Nexus.UnitTests.Ordering;

/// <summary>
/// Placing takes lines, prices and totals from the cart's checkout view — the form has no say in them — and refuses
/// when the total the shopper reviewed is no longer the cart's. (The integration tests run the same on the real host.)
/// </summary>
internal sealed class PlacementTotalsTests
{
    private static readonly CheckoutCart Cart = new(
        Guid.NewGuid(),
        "USD",
        [new CheckoutCartLine(Guid.NewGuid(), Guid.NewGuid(), "LAMP-1", "Lamp", "Brass", 2, 1500, 3000, false, null)],
        null,
        new CartTotals(3000, 0, 300, 599, 3899),
        true,
        []);

    [Test]
    public async Task The_order_is_written_with_the_carts_lines_and_totals()
    {
        var mediator = new ScriptedMediator(Cart);
        var placement = new CheckoutPlacement(mediator, null!, null!, NullLogger<CheckoutPlacement>.Instance);

        await placement.PlaceAsync(Request(expectedTotal: null), CancellationToken.None);

        var draft = mediator.Sent.OfType<CreateOrder>().Single().Draft;
        draft.TotalMinor.Should().Be(3899);
        draft.SubtotalMinor.Should().Be(3000);
        draft.TaxMinor.Should().Be(300);
        draft.ShippingMinor.Should().Be(599);
        draft.Lines.Should().ContainSingle().Which.UnitPriceMinor.Should().Be(1500);
        draft.Lines[0].Quantity.Should().Be(2);
    }

    [Test]
    public async Task A_total_that_changed_since_the_review_stops_placing_before_anything_is_written()
    {
        var mediator = new ScriptedMediator(Cart);
        var placement = new CheckoutPlacement(mediator, null!, null!, NullLogger<CheckoutPlacement>.Instance);

        var result = await placement.PlaceAsync(Request(expectedTotal: 1), CancellationToken.None);

        result.Placed.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Contain("changed");
        mediator.Sent.OfType<CreateOrder>().Should().BeEmpty();
        mediator.Sent.OfType<ReserveStock>().Should().BeEmpty();
    }

    [Test]
    public async Task A_cart_with_problems_is_sent_back_to_the_cart()
    {
        var mediator = new ScriptedMediator(Cart with { Problems = ["Lamp is sold out."] });
        var placement = new CheckoutPlacement(mediator, null!, null!, NullLogger<CheckoutPlacement>.Instance);

        var result = await placement.PlaceAsync(Request(expectedTotal: null), CancellationToken.None);

        result.Should().BeEquivalentTo(new { Placed = false, BackToCart = true, Problems = new[] { "Lamp is sold out." } });
        mediator.Sent.OfType<CreateOrder>().Should().BeEmpty();
    }

    private static PlaceOrderRequest Request(long? expectedTotal) =>
        new(Guid.NewGuid().ToString("N"), new CartOwner(null, "guest-token"), null, "ada@example.com", ShippingMethods.Standard, Orders.Address, Orders.Address, expectedTotal);

    /// <summary>Answers the cart with <paramref name="cart"/>, creates the order it is told to, reserves everything; records what was sent.</summary>
    private sealed class ScriptedMediator(CheckoutCart cart) : IMediator
    {
        private OrderView? created;

        public List<object> Sent { get; } = [];

        public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
        {
            Sent.Add(request);
            object? answer = request switch
            {
                GetCartForCheckout => cart,
                GetUnpaidCheckouts => (IReadOnlyList<UnpaidCheckout>)[],
                GetOrderByCheckoutKey => created,
                CreateOrder create => Create(create),
                ReserveStock => StockReservationResult.Success,
                GetOrderCartId => cart.CartId,
                CheckOutCart => true,
                CompletePlacement => true,
                _ => throw new InvalidOperationException($"Unexpected {request.GetType().Name}"),
            };
            return Task.FromResult((TResponse)answer!);
        }

        public Task Send(IRequest request, CancellationToken cancellationToken = default) => throw new InvalidOperationException("Unexpected request.");

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification => Task.CompletedTask;

        private Guid Create(CreateOrder create)
        {
            var order = Order.Create(create.Draft, DateTime.UtcNow);
            created = OrderView.From(order);
            return order.Id;
        }
    }
}
