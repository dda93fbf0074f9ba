using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Security.Claims;
using Nexus.Modules.Catalog.Features.GetProductPage;
using Nexus.Modules.Catalog.Features.Reviews;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>
/// A product's page at <c>/products/{slug}</c>. An old slug answers 301 to the current one; an unknown or unlisted
/// product is the 404 page. The variant picker is a GET form (<c>o1</c>..<c>o3</c>), so it works without JavaScript;
/// the reviews (average, distribution, a page of them — <c>?reviews=N</c> — and whether the reader may write one) are
/// rendered on the server too.
/// </summary>
[AllowAnonymous]
internal sealed class ProductModel : PageModel
{
    private readonly IMediator mediator;

    public ProductModel(IMediator mediator) => this.mediator = mediator;

    public ProductDetails Product { get; private set; } = null!;

    public VariantDetails? Variant { get; private set; }

    /// <summary>The product's visible reviews and the reader's eligibility to write one.</summary>
    public ProductReviewsView Reviews { get; private set; } = null!;

    /// <summary>The chosen option values, one per option name (null: not chosen).</summary>
    public string?[] Chosen { get; } = new string?[3];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetProductPage(slug ?? string.Empty), cancellationToken);
        if (result.MovedTo is { } moved)
        {
            return RedirectPermanent("/products/" + Uri.EscapeDataString(moved) + Request.QueryString);
        }

        if (result.Product is null)
        {
            return NotFound();
        }

        Product = result.Product;
        var reviewPage = int.TryParse(Request.Query["reviews"].FirstOrDefault(), out var asked) ? asked : 1;
        Reviews = await mediator.Send(new GetProductReviews(Product.Id, User.FindFirstValue(ClaimTypes.NameIdentifier), reviewPage), cancellationToken);
        for (var i = 0; i < Product.OptionNames.Count && i < 3; i++)
        {
            var value = Request.Query["o" + (i + 1)].FirstOrDefault();
            Chosen[i] = string.IsNullOrEmpty(value) ? null : value;
        }

        // The variant matching every chosen option; without a choice, the first one in stock (or the first).
        Variant = Product.Variants.FirstOrDefault(v => Enumerable.Range(0, Product.OptionNames.Count).All(i => Chosen[i] is null || v.Option(i) == Chosen[i]))
            is { } match && Chosen.Any(c => c is not null)
            ? match
            : Product.Variants.FirstOrDefault(v => v.StockOnHand > 0 || Product.IsDigital) ?? Product.Variants.FirstOrDefault();
        if (Variant is not null)
        {
            for (var i = 0; i < Product.OptionNames.Count && i < 3; i++)
            {
                Chosen[i] = Variant.Option(i);
            }
        }

        return Page();
    }

    /// <summary>Whether every variant having this value for the option is sold out.</summary>
    public bool SoldOut(int option, string value) =>
        !Product.IsDigital && Product.Variants.Where(v => v.Option(option) == value).All(v => v.StockOnHand <= 0);
}
