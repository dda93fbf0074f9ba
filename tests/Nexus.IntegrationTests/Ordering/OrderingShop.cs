using System.Net;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.IntegrationTests.Payments;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// A real host with the whole buying path (Catalog, Cart, Promotions, Ordering, Payments and the NexusPay stub) and
/// shoppers that use it the way a browser without JavaScript does: add to cart, the checkout form, the card.
/// </summary>
internal static partial class OrderingShop
{
    public const string SuccessCard = "4242 4242 4242 4242";
    public const string DeclineCard = "4000 0000 0000 0002";
    public const string ChallengeCard = "4000 0027 6000 3184";
    public const string SlowCard = "4000 0000 0000 0408";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> Slugs = new();

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var settings = PaymentsTestHost.FastSettings(new Dictionary<string, string?>
        {
            ["Nexus:SeedDemoData"] = "false",
            ["Modules:Ordering:CheckoutRequestsPerMinute"] = "1000000",
            ["Modules:Cart:ChangesPerMinute"] = "100000",
        });
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static NexusHostFactory Host(IDictionary<string, string?>? extra = null) => PaymentsTestHost.Create(Settings(extra));

    public static async Task<NexusHostFactory> HostOnPostgresAsync(IDictionary<string, string?>? extra = null) =>
        PaymentsTestHost.Create(onto: await NexusHostFactory.OnPostgresAsync(Settings(extra)));

    /// <summary>A published product with one variant; answers the variant's id.</summary>
    public static async Task<Guid> ProductAsync(this NexusHostFactory host, string sku, int stock, long priceMinor = 1500, bool digital = false)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var category = await db.Categories.FirstOrDefaultAsync();
        if (category is null)
        {
            category = new Category(Guid.CreateVersion7(), "Checkout goods", "checkout-goods", null);
            db.Categories.Add(category);
        }

        var now = DateTime.UtcNow;
        var product = new Product(Guid.CreateVersion7(), sku, $"Product {sku}", sku.ToLowerInvariant(), "", priceMinor, "USD", category.Id, digital, now);
        product.SetOptionNames(["Size"]);
        var variant = product.AddVariant(Guid.CreateVersion7(), $"{sku}-1", "One size", null, null, null, stock);
        product.Publish(now);
        Slugs[variant.Id] = product.Slug;
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return variant.Id;
    }

    public static async Task<int> StockAsync(this NexusHostFactory host, Guid variantId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        return await db.Products.AsNoTracking().SelectMany(p => p.Variants).Where(v => v.Id == variantId).Select(v => v.StockOnHand).SingleAsync();
    }

    public static async Task<T> OrderingAsync<T>(this NexusHostFactory host, Func<OrderingDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OrderingDbContext>());
    }

    public static Task<Order> OrderAsync(this NexusHostFactory host, string number) =>
        host.OrderingAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.History).SingleAsync(o => o.Number == number));

    /// <summary>An order with its lines, timeline, shipments, refunds and notes, as the back office reads it.</summary>
    public static Task<Order> ManagedOrderAsync(this NexusHostFactory host, string number) =>
        host.OrderingAsync(db => Nexus.Modules.Ordering.Features.Management.OrderQueries.WithEverything(db.Orders.AsNoTracking()).SingleAsync(o => o.Number == number));

    public static async Task<T> SendAsync<T>(this NexusHostFactory host, IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>A browser of a guest (cookies kept, redirects not followed).</summary>
    public static HttpClient Guest(this NexusHostFactory host) => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static async Task AddToCartAsync(this HttpClient shopper, Guid variantId, int quantity = 1)
    {
        // A signed-in shopper's add is an antiforgery post (decision 0020): the product page gives the token.
        var token = FormPoster.TokenOf(await shopper.GetStringAsync("/products/" + Slugs[variantId]));
        var fields = new Dictionary<string, string> { ["variantId"] = variantId.ToString(), ["quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (token.Length > 0)
        {
            fields["__RequestVerificationToken"] = token;
        }

        using var content = new FormUrlEncodedContent(fields);
        using var response = await shopper.PostAsync("/cart/add", content);
        response.StatusCode.Should().BeOneOf(HttpStatusCode.Redirect, HttpStatusCode.OK, HttpStatusCode.SeeOther);
    }

    /// <summary>The checkout form as first shown: its antiforgery token and its idempotency key.</summary>
    public static async Task<(string Token, string Key)> StartCheckoutAsync(this HttpClient shopper)
    {
        using var response = await shopper.GetAsync("/checkout");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the cart has something in it");
        var html = await response.Content.ReadAsStringAsync();
        return (FormPoster.TokenOf(html), CheckoutKey().Match(html).Groups[1].Value);
    }

    public static Dictionary<string, string> Details(string key, string? card = SuccessCard, string email = "ada@example.com") => new()
    {
        ["Input.CheckoutKey"] = key,
        ["Input.Email"] = email,
        ["Input.FullName"] = "Ada Lovelace",
        ["Input.Line1"] = "1 Analytical Way",
        ["Input.City"] = "London",
        ["Input.PostalCode"] = "N1 9GU",
        ["Input.CountryCode"] = "GB",
        ["Input.ShippingMethod"] = "standard",
        ["Input.CardNumber"] = card ?? string.Empty,
    };

    public static async Task<HttpResponseMessage> PlaceAsync(this HttpClient shopper, string token, IDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(values);
        return await shopper.PostAsync("/checkout?handler=Place", content);
    }

    /// <summary>Add, check out and place with <paramref name="card"/>; answers the response of the place post.</summary>
    public static async Task<HttpResponseMessage> BuyAsync(this HttpClient shopper, Guid variantId, string card = SuccessCard, int quantity = 1)
    {
        await shopper.AddToCartAsync(variantId, quantity);
        var (token, key) = await shopper.StartCheckoutAsync();
        return await shopper.PlaceAsync(token, Details(key, card));
    }

    /// <summary>A customer of their own buys <paramref name="quantity"/> of a new product (10 in stock, 15.00); answers the paid order's number.</summary>
    public static async Task<string> PaidOrderAsync(this NexusHostFactory host, string sku, int quantity = 1)
    {
        var variant = await host.ProductAsync($"{sku}-{Guid.NewGuid().ToString("N")[..6]}", 10, 1500);
        using var customer = host.CreateClientAs($"customer-{sku.ToLowerInvariant()}", "Customer");
        using var placed = await customer.BuyAsync(variant, quantity: quantity);
        var number = NumberIn(placed.Location());
        (await host.ManagedOrderAsync(number)).Status.Should().Be(OrderStatus.Paid);
        return number;
    }

    public static string Location(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "placing answers with a redirect; a 200 is the form again with errors");
        return response.Headers.Location!.ToString();
    }

    public static string NumberIn(string location) => OrderNumberPattern().Match(location).Value;

    [GeneratedRegex(@"name=""Input.CheckoutKey"" value=""([0-9a-f]{32})""")]
    private static partial Regex CheckoutKey();

    [GeneratedRegex(@"NX-[0-9A-Z]{8}")]
    private static partial Regex OrderNumberPattern();
}
