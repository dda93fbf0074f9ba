using System.Security.Claims;
using FluentValidation.AspNetCore;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Csv;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.BulkEditProducts;
using Nexus.Modules.Catalog.Features.ManageProductImages;
using Nexus.Modules.Catalog.Features.SaveProduct;
using Nexus.Modules.Catalog.Images;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>
/// The product editor: <c>/admin/catalog/products/new</c> creates, <c>/admin/catalog/products/{id}</c> edits (with
/// its images and a soft delete behind a confirmation). Support sees the same page read-only. A save from a form
/// someone else has overtaken is refused with a message and the admin's input kept on the page.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
[RequestSizeLimit(MaxImagesBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxImagesBytes)]
internal sealed class ProductModel(CatalogDbContext db, IMediator mediator, IAuthorizationService authorization) : PageModel
{
    /// <summary>Up to five images of 10 MB in one upload.</summary>
    public const long MaxImagesBytes = 51L * 1024 * 1024;

    private static readonly ImageLimits ImageLimits = new();

    [BindProperty]
    public ProductInput Input { get; set; } = new();

    public Guid? ProductId { get; private set; }

    public bool CanChange { get; private set; }

    public bool ConfirmingDelete { get; private set; }

    public string? PublicSlug { get; private set; }

    public IReadOnlyList<ProductImage> Images { get; private set; } = [];

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, bool confirmDelete, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (ProductId is not null)
        {
            var product = await ReadAsync(ProductId.Value, cancellationToken);
            Input = ProductInput.From(product!);
        }

        ConfirmingDelete = confirmDelete && ProductId is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!CanChange)
        {
            return Forbid();
        }

        var command = ToCommand();
        if (!ModelState.IsValid || command is null)
        {
            return Page();
        }

        SaveProductResult result;
        try
        {
            result = await mediator.Send(command, cancellationToken);
        }
        catch (RequestValidationException invalid)
        {
            invalid.Result.AddToModelState(ModelState, nameof(Input));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            result = new SaveProductResult(ProductId, SaveProductOutcome.Conflict);
        }

        switch (result.Outcome)
        {
            case SaveProductOutcome.NotFound:
                return NotFound();
            case SaveProductOutcome.Conflict:
                ModelState.AddModelError(string.Empty,
                    "Someone else saved this product after you opened it, so your changes were not saved. They are still in the form below: "
                    + "open the product again in another tab to see the other changes, then save yours again.");
                // The next save must be made against what is stored now; the admin's input stays as typed.
                Input.Version = (await db.Products.AsNoTracking().Where(p => p.Id == ProductId).Select(p => (int?)p.Version).FirstOrDefaultAsync(cancellationToken)) ?? Input.Version;
                ModelState.Remove($"{nameof(Input)}.{nameof(ProductInput.Version)}");
                return Page();
            default:
                Message = ProductId is null ? "Product created." : "Product saved.";
                return Redirect($"/admin/catalog/products/{result.ProductId}");
        }
    }

    public async Task<IActionResult> OnPostImagesAsync(string id, List<IFormFile> files, string? altText, CancellationToken cancellationToken)
    {
        if (!await LoadForChangeAsync(id, cancellationToken))
        {
            return ProductId is null ? NotFound() : Forbid();
        }

        if (files.Count == 0)
        {
            return await ImageErrorAsync("Choose one or more images to upload.", cancellationToken);
        }

        var added = 0;
        foreach (var file in files.Take(5))
        {
            await using var upload = file.OpenReadStream();
            var intake = await ImageIntake.ProcessAsync(upload, ImageLimits, cancellationToken);
            if (intake.Error is not null)
            {
                return await ImageErrorAsync($"{Path.GetFileName(file.FileName)}: {intake.Error}{(added > 0 ? $" ({added} image(s) before it were added.)" : string.Empty)}", cancellationToken);
            }

            try
            {
                await mediator.Send(new AddProductImage(ProductId!.Value, intake.Image!, altText ?? Input.Name ?? string.Empty), cancellationToken);
            }
            catch (RequestValidationException invalid)
            {
                return await ImageErrorAsync(string.Join(" ", invalid.Errors.SelectMany(e => e.Value)), cancellationToken);
            }

            added++;
        }

        Message = $"{added} image(s) added.";
        return Redirect($"/admin/catalog/products/{ProductId}#images");
    }

    public async Task<IActionResult> OnPostArrangeImagesAsync(string id, List<ImageArrangementInput> images, Guid? primary, CancellationToken cancellationToken)
    {
        if (!await LoadForChangeAsync(id, cancellationToken))
        {
            return ProductId is null ? NotFound() : Forbid();
        }

        try
        {
            await mediator.Send(new ArrangeProductImages(ProductId!.Value, images.Select(i => new ImageArrangement(i.Id, i.AltText ?? string.Empty, i.SortOrder)).ToList(), primary), cancellationToken);
        }
        catch (RequestValidationException invalid)
        {
            return await ImageErrorAsync(string.Join(" ", invalid.Errors.SelectMany(e => e.Value)), cancellationToken);
        }

        Message = "Images saved.";
        return Redirect($"/admin/catalog/products/{ProductId}#images");
    }

    public async Task<IActionResult> OnPostRemoveImageAsync(string id, Guid imageId, CancellationToken cancellationToken)
    {
        if (!await LoadForChangeAsync(id, cancellationToken))
        {
            return ProductId is null ? NotFound() : Forbid();
        }

        await mediator.Send(new RemoveProductImage(ProductId!.Value, imageId), cancellationToken);
        Message = "Image deleted.";
        return Redirect($"/admin/catalog/products/{ProductId}#images");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadForChangeAsync(id, cancellationToken))
        {
            return ProductId is null ? NotFound() : Forbid();
        }

        await mediator.Send(new BulkEditProducts([ProductId!.Value], BulkProductAction.Delete), cancellationToken);
        Message = $"{Input.Name ?? "The product"} was deleted. Orders that hold it keep their history.";
        return Redirect("/admin/catalog");
    }

    private async Task<IActionResult> ImageErrorAsync(string error, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError("images", error);
        Input = ProductInput.From((await ReadAsync(ProductId!.Value, cancellationToken))!);
        return Page();
    }

    private async Task<bool> LoadForChangeAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) && ProductId is not null && CanChange;

    /// <summary>Resolves "new" or an existing product's id; false for anything else (404).</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        Categories = await CategoryOption.LoadAsync(db, cancellationToken);
        if (id == "new")
        {
            ProductId = null;
            return true;
        }

        if (!Guid.TryParse(id, out var productId))
        {
            return false;
        }

        var found = await db.Products.AsNoTracking().NotDeleted().Where(p => p.Id == productId).Select(p => new { p.Id, p.Slug, p.IsPublished }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        ProductId = found.Id;
        PublicSlug = found.IsPublished ? found.Slug : null;
        Images = await db.Images.AsNoTracking().Where(i => i.ProductId == productId).OrderBy(i => i.SortOrder).ToListAsync(cancellationToken);
        return true;
    }

    private Task<Product?> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Tags).Include(p => p.Specifications)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>The command from the form, or null with field errors when a price is not a price.</summary>
    private SaveProduct? ToCommand()
    {
        var price = ParsePrice(Input.Price, nameof(ProductInput.Price), required: true);
        var compareAt = ParsePrice(Input.CompareAtPrice, nameof(ProductInput.CompareAtPrice), required: false);
        var variants = new List<VariantInput>();
        for (var i = 0; i < Input.Variants.Count; i++)
        {
            var row = Input.Variants[i];
            if (row.Id is null && string.IsNullOrWhiteSpace(row.Sku) && string.IsNullOrWhiteSpace(row.Option1))
            {
                continue; // the editor's empty "add a variant" row
            }

            var variantPrice = ParsePrice(row.Price, $"{nameof(ProductInput.Variants)}[{i}].{nameof(ProductInput.VariantRow.Price)}", required: false);
            variants.Add(new VariantInput(row.Id, row.Sku?.Trim() ?? string.Empty, row.Option1, row.Option2, row.Option3, variantPrice, row.Id is null ? row.Stock : 0, row.Remove));
        }

        if (Input.CategoryId is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ProductInput.CategoryId)}", "Choose a category.");
        }

        if (!ModelState.IsValid || price is null)
        {
            return null;
        }

        var actor = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        return new SaveProduct(
            ProductId, Input.Version, Input.Sku?.Trim() ?? string.Empty, Input.Name?.Trim() ?? string.Empty, Input.Slug?.Trim(), Input.Summary,
            Input.Description ?? string.Empty, Input.MetaDescription, price.Value, compareAt, Input.CategoryId!.Value, Input.IsDigital, Input.IsPublished,
            Input.LowStockThreshold, ProductInput.SplitList(Input.Tags, ','), ProductInput.SplitSpecifications(Input.Specifications),
            ProductInput.SplitList(Input.OptionNames, ','), ProductId is null && ProductInput.SplitList(Input.OptionNames, ',').Count == 0
                ? [new VariantInput(null, Input.Sku?.Trim() ?? string.Empty, null, null, null, null, Input.Stock, false)]
                : variants,
            actor);
    }

    private long? ParsePrice(string? text, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                ModelState.AddModelError($"{nameof(Input)}.{field}", "Enter a price, e.g. 19.99.");
            }

            return null;
        }

        var minor = ProductCsv.ParsePrice(text.Trim());
        if (minor is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", "Write the price as a number with at most two decimals and a dot, e.g. 19.99.");
        }

        return minor;
    }

    internal sealed class ImageArrangementInput
    {
        public Guid Id { get; set; }

        public string? AltText { get; set; }

        public int SortOrder { get; set; }
    }
}
