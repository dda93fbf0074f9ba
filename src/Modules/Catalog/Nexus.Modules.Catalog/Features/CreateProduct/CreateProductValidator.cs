using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.CreateProduct;

internal sealed class CreateProductValidator : AbstractValidator<CreateProduct>
{
    public CreateProductValidator(CatalogDbContext db)
    {
        RuleFor(c => c.Sku)
            .NotEmpty()
            .Matches("^[A-Z0-9][A-Z0-9-]{2,63}$").WithMessage("SKU must be 3–64 upper-case letters, digits or dashes.")
            .MustAsync(async (sku, ct) => !await db.Products.AnyAsync(p => p.Sku == sku, ct) && !await db.Variants.AnyAsync(v => v.Sku == sku, ct)).WithMessage("A product with this SKU already exists.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(Product.DescriptionMaxLength);
        RuleFor(c => c.PriceMinor).InclusiveBetween(0, 100_000_000).WithMessage("Price must be between 0 and 1,000,000.00.");
        RuleFor(c => c.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("Currency must be a three-letter ISO code such as EUR.");
        RuleFor(c => c.StockOnHand).GreaterThanOrEqualTo(0);
        RuleFor(c => c.CategoryId)
            .MustAsync(async (id, ct) => await db.Categories.AnyAsync(c => c.Id == id, ct)).WithMessage("Choose an existing category.");
    }
}
