using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.AdjustStock;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>
/// Inventory: the low-stock list, one product's variants with an adjustment form (a change with a reason) and its
/// threshold, and the trail of adjustments. Support reads; only Admins adjust.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class InventoryModel(CatalogDbContext db, IMediator mediator, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "product")]
    public Guid? ProductId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [TempData]
    public string? Message { get; set; }

    public bool CanChange { get; private set; }

    public IReadOnlyList<StockRow> LowStock { get; private set; } = [];

    public IReadOnlyList<StockRow> Found { get; private set; } = [];

    public ProductStock? Selected { get; private set; }

    public IReadOnlyList<AdjustmentRow> Trail { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return ProductId is not null && Selected is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAdjustAsync(Guid variantId, int delta, string? reason, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var actor = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
            var result = await mediator.Send(new AdjustStock(variantId, delta, reason ?? string.Empty, actor), cancellationToken);
            if (!result.Found)
            {
                return NotFound();
            }

            Message = $"Stock changed by {delta:+#;-#;0}; {result.StockAfter} on hand.";
        }
        catch (RequestValidationException invalid)
        {
            foreach (var error in invalid.Errors.SelectMany(e => e.Value))
            {
                ModelState.AddModelError("adjust", error);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect($"/admin/catalog/inventory?product={ProductId}");
    }

    public async Task<IActionResult> OnPostThresholdAsync(int threshold, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            if (ProductId is null || !await mediator.Send(new SetLowStockThreshold(ProductId.Value, threshold), cancellationToken))
            {
                return NotFound();
            }

            Message = $"Low-stock threshold set to {threshold}.";
        }
        catch (RequestValidationException invalid)
        {
            foreach (var error in invalid.Errors.SelectMany(e => e.Value))
            {
                ModelState.AddModelError("threshold", error);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect($"/admin/catalog/inventory?product={ProductId}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        var products = db.Products.AsNoTracking().NotDeleted();
        LowStock = await products.Where(p => !p.IsDigital && p.StockOnHand <= p.LowStockThreshold)
            .OrderBy(p => p.StockOnHand).ThenBy(p => p.Sku).Take(200)
            .Select(p => new StockRow(p.Id, p.Sku, p.Name, p.StockOnHand, p.LowStockThreshold)).ToListAsync(cancellationToken);
        Query = Query?.Trim();
        if (!string.IsNullOrEmpty(Query))
        {
            var query = Query.Length > 100 ? Query[..100] : Query;
            var upper = query.ToUpperInvariant();
            Found = await products.Where(p => p.Sku.Contains(upper) || p.Name.ToLower().Contains(query.ToLower()) || p.Variants.Any(v => v.Sku.Contains(upper)))
                .OrderBy(p => p.Sku).Take(50)
                .Select(p => new StockRow(p.Id, p.Sku, p.Name, p.StockOnHand, p.LowStockThreshold)).ToListAsync(cancellationToken);
        }

        if (ProductId is { } id)
        {
            Selected = await products.Where(p => p.Id == id)
                .Select(p => new ProductStock(p.Id, p.Sku, p.Name, p.IsDigital, p.StockOnHand, p.LowStockThreshold,
                    p.Variants.OrderBy(v => v.Sku).Select(v => new VariantStock(v.Id, v.Sku, v.Option1, v.Option2, v.Option3, v.StockOnHand, 0)).ToList()))
                .FirstOrDefaultAsync(cancellationToken);
            if (Selected is not null)
            {
                // Stock held by unpaid orders is already off "on hand" (docs/decisions/0016); shown so a count of the shelf adds up.
                var held = await db.StockReservations.AsNoTracking()
                    .Where(r => r.ProductId == id && r.Status == StockReservationStatus.Reserved && r.TracksStock)
                    .GroupBy(r => r.VariantId).Select(g => new { VariantId = g.Key, Quantity = g.Sum(r => r.Quantity) })
                    .ToDictionaryAsync(g => g.VariantId, g => g.Quantity, cancellationToken);
                Selected = Selected with { Variants = [.. Selected.Variants.Select(v => v with { Held = held.GetValueOrDefault(v.Id) })] };
            }

            Trail = await db.InventoryAdjustments.AsNoTracking().Where(a => a.ProductId == id).OrderByDescending(a => a.At).Take(100)
                .Select(a => new AdjustmentRow(a.At, a.VariantId, a.Delta, a.StockAfter, a.Reason, a.ActorId)).ToListAsync(cancellationToken);
        }
        else
        {
            Trail = await db.InventoryAdjustments.AsNoTracking().OrderByDescending(a => a.At).Take(50)
                .Select(a => new AdjustmentRow(a.At, a.VariantId, a.Delta, a.StockAfter, a.Reason, a.ActorId)).ToListAsync(cancellationToken);
        }
    }

    internal sealed record StockRow(Guid Id, string Sku, string Name, int StockOnHand, int LowStockThreshold);

    internal sealed record ProductStock(Guid Id, string Sku, string Name, bool IsDigital, int StockOnHand, int LowStockThreshold, IReadOnlyList<VariantStock> Variants);

    internal sealed record VariantStock(Guid Id, string Sku, string? Option1, string? Option2, string? Option3, int StockOnHand, int Held)
    {
        public string Title => string.Join(" / ", new[] { Option1, Option2, Option3 }.Where(o => !string.IsNullOrEmpty(o)));
    }

    internal sealed record AdjustmentRow(DateTime At, Guid VariantId, int Delta, int StockAfter, string Reason, string ActorId);
}
