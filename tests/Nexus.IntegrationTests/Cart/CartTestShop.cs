using System.Net;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.CreateProduct;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Cart;

/// <summary>Products to put in carts and the requests a shopper's browser makes, for the cart tests.</summary>
internal static partial class CartTestShop
{
    private static readonly Guid Hardware = new("0193a000-0000-7000-8000-000000000001");
    private static int serial;

    /// <summary>A published product with one default variant (same id), <paramref name="stock"/> on hand.</summary>
    public static async Task<Guid> ProductAsync(this NexusHostFactory host, long priceMinor, int stock, bool digital = false)
    {
        var n = Interlocked.Increment(ref serial);
        var sku = $"CART-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}-{n}";
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateProduct(sku, $"Cart Test Item {sku}", "", priceMinor, "USD", Hardware, digital, stock));
    }

    public static async Task ChangeProductAsync(this NexusHostFactory host, Guid productId, Action<Nexus.Modules.Catalog.Domain.Product> change)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var product = await db.Products.Include(p => p.Variants).SingleAsync(p => p.Id == productId);
        change(product);
        await db.SaveChangesAsync();
    }

    /// <summary>The product page's form, posted as a browser without JavaScript would (no token: the page has none).</summary>
    public static async Task<HttpResponseMessage> AddAsync(this HttpClient client, Guid variantId, string quantity, bool json = false, IDictionary<string, string>? extra = null, Action<HttpRequestMessage>? tweak = null)
    {
        var fields = new Dictionary<string, string> { ["variantId"] = variantId.ToString(), ["quantity"] = quantity };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/cart/add") { Content = new FormUrlEncodedContent(fields) };
        if (json)
        {
            request.Headers.Add("Accept", "application/json");
        }

        tweak?.Invoke(request);
        return await client.SendAsync(request);
    }

    public static async Task AddOkAsync(this HttpClient client, Guid variantId, int quantity)
    {
        using var response = await client.AddAsync(variantId, quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().Be("/cart");
    }

    /// <summary>The line ids on the shopper's /cart page, in order.</summary>
    public static IReadOnlyList<Guid> LineIds(string cartPage) =>
        LineId().Matches(cartPage).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    public static string TestId(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : string.Empty;
    }

    [GeneratedRegex("data-line-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex LineId();
}
