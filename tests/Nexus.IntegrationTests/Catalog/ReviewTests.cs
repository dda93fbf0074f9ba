using System.Net;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.CreateProduct;
using Nexus.Modules.Catalog.Features.Reviews;
using Nexus.Modules.Catalog.Seeding;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Application;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// Review rules against Ordering's contract: a purchase is what <c>ordering.order-paid</c> says was bought (published
/// through the test kit's probe, as Ordering will), only buyers review, once each, within the limits; hiding a review
/// takes it out of the product's average, count and distribution.
/// </summary>
internal sealed class ReviewTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private NexusHostFactory host = null!;
    private Guid product;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = new NexusHostFactory().WithProbe().WithTestAuthentication();
        _ = host.Server;
        product = await SendAsync(new CreateProduct("RV-TEST-01", "Review Lamp", "A lamp to review.", 2500, "USD", DemoCatalog.Hardware, false, 5));
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task A_buyer_reviews_once_and_the_products_rating_follows_hiding_and_showing()
    {
        var alice = $"alice-{Guid.NewGuid():N}";
        var bob = $"bob-{Guid.NewGuid():N}";
        await BuyAsync(alice, product);
        await BuyAsync(bob, product);

        var first = await SendAsync(new SubmitReview(product, alice, "Alice", 5, "Lovely", "Warm light and a sturdy base."));
        await SendAsync(new SubmitReview(product, bob, "Bob", 2, null, "Wobbles on a thick rug, sadly."));
        var view = await SendAsync(new GetProductReviews(product, alice));
        (view.Count, view.Average, view.Eligibility).Should().Be((2, 3.5, ReviewEligibility.AlreadyReviewed));
        view.Distribution.Should().Equal(0, 1, 0, 0, 1);
        (await RatingAsync()).Should().Be((3.5, 2));

        (await SendAsync(new HideReview(first, true, "admin-1"))).Should().BeTrue();
        (await RatingAsync()).Should().Be((2.0, 1));
        view = await SendAsync(new GetProductReviews(product, null));
        (view.Count, view.Eligibility).Should().Be((1, ReviewEligibility.SignInRequired));
        view.Reviews.Should().ContainSingle().Which.AuthorName.Should().Be("Bob");

        (await SendAsync(new HideReview(first, false, "admin-1"))).Should().BeTrue();
        (await RatingAsync()).Should().Be((3.5, 2));
        (await SendAsync(new HideReview(Guid.NewGuid(), true, "admin-1"))).Should().BeFalse();

        var again = () => SendAsync(new SubmitReview(product, alice, "Alice", 1, null, "Changed my mind entirely."));
        (await again.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Should().ContainKey("ProductId")
            .WhoseValue.Should().Contain("You have already reviewed this product.");
    }

    [Test]
    public async Task Someone_who_did_not_buy_the_product_cannot_review_it()
    {
        var carol = $"carol-{Guid.NewGuid():N}";
        await BuyAsync(carol, DemoCatalog.Id(1, 2)); // bought something else
        (await SendAsync(new GetProductReviews(product, carol))).Eligibility.Should().Be(ReviewEligibility.NotPurchased);

        var review = () => SendAsync(new SubmitReview(product, carol, "Carol", 4, null, "Looks nice in the pictures."));
        (await review.Should().ThrowAsync<RequestValidationException>()).Which.Errors["ProductId"]
            .Should().Contain("Only customers who bought this product can review it.");
    }

    [Test]
    public async Task Stars_text_and_name_are_checked()
    {
        var dave = $"dave-{Guid.NewGuid():N}";
        await BuyAsync(dave, product);
        var review = () => SendAsync(new SubmitReview(product, dave, "", 6, new string('t', 121), "short"));
        (await review.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys
            .Should().BeEquivalentTo(["Rating", "Title", "Body", "AuthorName"]);
        var tooLong = () => SendAsync(new SubmitReview(product, dave, "Dave", 0, null, new string('x', 4001)));
        (await tooLong.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().BeEquivalentTo(["Rating", "Body"]);
        (await SendAsync(new GetProductReviews(product, dave))).Eligibility.Should().Be(ReviewEligibility.CanReview, "nothing was saved");
    }

    [Test]
    public async Task The_same_paid_order_delivered_twice_records_one_purchase_per_product()
    {
        var erin = $"erin-{Guid.NewGuid():N}";
        var order = new OrderPaid(Guid.CreateVersion7(), erin, [Line(product), Line(product)]);
        await SendAsync(new PublishThroughProbe(order));
        await SendAsync(new PublishThroughProbe(order with { EventId = Guid.CreateVersion7() }));
        await Eventually.TrueAsync(async () => await PurchasesAsync(erin) >= 1, Patience, "the purchase is recorded");
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await PurchasesAsync(erin)).Should().Be(1);
    }

    [Test]
    public async Task Only_admins_open_the_reviews_back_office_and_only_customers_the_review_form()
    {
        using var admin = host.CreateClientAs("admin-1", "Admin");
        using var support = host.CreateClientAs("support-1", "Support");
        using var visitor = host.CreateClient(new() { AllowAutoRedirect = false });
        (await admin.GetAsync("/admin/catalog/reviews")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync("/admin/catalog/reviews?show=hidden&p=99")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await support.GetAsync("/admin/catalog/reviews")).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await visitor.GetAsync("/admin/catalog/reviews")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await visitor.GetAsync("/products/review-lamp/review")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var frank = $"frank-{Guid.NewGuid():N}";
        await BuyAsync(frank, product);
        using var customer = host.CreateClientAs(frank, "Customer");
        var form = await customer.GetStringAsync("/products/review-lamp/review");
        form.Should().Contain("data-testid=\"review-form\"");
        (await customer.GetAsync("/products/no-such-product/review")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static PaidOrderLine Line(Guid productId) => new(productId, "Review Lamp", 1, 2500, "USD", false);

    private async Task BuyAsync(string customerId, Guid productId)
    {
        await SendAsync(new PublishThroughProbe(new OrderPaid(Guid.CreateVersion7(), customerId, [Line(productId)])));
        await Eventually.TrueAsync(async () => await PurchasesAsync(customerId) > 0, Patience, "Catalog records the purchase from ordering.order-paid");
    }

    private async Task<int> PurchasesAsync(string customerId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Purchases.CountAsync(p => p.CustomerId == customerId);
    }

    private async Task<(double, int)> RatingAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Products.AsNoTracking().SingleAsync(p => p.Id == product);
        return (row.RatingAverage, row.RatingCount);
    }

    private async Task<T> SendAsync<T>(MediatR.IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
