using FluentValidation.AspNetCore;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.BulkEditProducts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>
/// The back office's product list: search by name or SKU, filter by category, published and stock, sort, page, and
/// act on the ticked products (publish, unpublish, delete, move to a category). Support reads; only Admins act.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class IndexModel(CatalogDbContext db, IMediator mediator, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [("updated", "Recently changed"), ("name", "Name"), ("sku", "SKU"), ("price", "Price"), ("stock", "Stock")];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public Guid? CategoryId { get; set; }

    /// <summary>"yes", "no" or empty (any).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Published { get; set; }

    /// <summary>"in", "out", "low" or empty (any).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Stock { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public bool CanChange { get; private set; }

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostBulkAsync(Guid[] ids, BulkProductAction? action, Guid? targetCategory, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        if (action is null)
        {
            ModelState.AddModelError(string.Empty, "Choose what to do with the ticked products.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            var changed = await mediator.Send(new BulkEditProducts(ids, action.Value, targetCategory), cancellationToken);
            Message = $"{changed} product(s) changed.";
        }
        catch (RequestValidationException invalid)
        {
            invalid.Result.AddToModelState(ModelState, string.Empty);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect(Url.Page("/Admin/Catalog/Index", new { q = Query, category = CategoryId, Published, Stock, Sort, p = PageNumber }) ?? "/admin/catalog");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        Categories = await CategoryOption.LoadAsync(db, cancellationToken);
        var products = db.Products.AsNoTracking().NotDeleted();
        Query = Query?.Trim();
        if (!string.IsNullOrEmpty(Query))
        {
            var query = Query.Length > 100 ? Query[..100] : Query;
            var upper = query.ToUpperInvariant();
            products = products.Where(p => p.Name.ToLower().Contains(query.ToLower()) || p.Sku.Contains(upper));
        }

        if (CategoryId is { } category)
        {
            products = products.Where(p => p.CategoryId == category);
        }

        products = Published switch
        {
            "yes" => products.Where(p => p.IsPublished),
            "no" => products.Where(p => !p.IsPublished),
            _ => products,
        };
        products = Stock switch
        {
            "in" => products.Where(p => p.IsDigital || p.StockOnHand > 0),
            "out" => products.Where(p => !p.IsDigital && p.StockOnHand <= 0),
            "low" => products.Where(p => !p.IsDigital && p.StockOnHand <= p.LowStockThreshold),
            _ => products,
        };

        Total = await products.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        products = Sort switch
        {
            "name" => products.OrderBy(p => p.Name).ThenBy(p => p.Sku),
            "sku" => products.OrderBy(p => p.Sku),
            "price" => products.OrderBy(p => p.PriceMinor).ThenBy(p => p.Sku),
            "stock" => products.OrderBy(p => p.StockOnHand).ThenBy(p => p.Sku),
            _ => products.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Sku),
        };
        Products = await products.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new ProductRow(p.Id, p.Sku, p.Name, p.Category!.Name, p.PriceMinor, p.Currency, p.StockOnHand, p.IsDigital, p.IsPublished, p.LowStockThreshold))
            .ToListAsync(cancellationToken);
    }

    public string PageUrl(int page) =>
        Url.Page("/Admin/Catalog/Index", new { q = Query, category = CategoryId, Published, Stock, Sort, p = page }) ?? "/admin/catalog";

    internal sealed record ProductRow(Guid Id, string Sku, string Name, string Category, long PriceMinor, string Currency, int StockOnHand, bool IsDigital, bool IsPublished, int LowStockThreshold)
    {
        public string Price => Money.Format(PriceMinor, Currency);

        public bool IsLow => !IsDigital && StockOnHand <= LowStockThreshold;
    }
}
