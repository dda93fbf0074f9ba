using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.SaveProduct;

internal sealed class SaveProductValidator : AbstractValidator<SaveProduct>
{
    private const string SkuPattern = "^[A-Z0-9][A-Z0-9-]{2,63}$";

    public SaveProductValidator(CatalogDbContext db)
    {
        RuleFor(c => c.Sku).NotEmpty().WithMessage("Enter a SKU.")
            .Matches(SkuPattern).WithMessage("SKU must be 3–64 upper-case letters, digits or dashes.")
            .MustAsync(async (command, sku, ct) => !await db.Products.AnyAsync(p => p.Sku == sku && p.Id != command.Id, ct))
            .WithMessage("Another product has this SKU.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name.").MaximumLength(Product.NameMaxLength);
        RuleFor(c => c.Slug!)
            .Must(slug => slug == Domain.Slug.From(slug)).WithMessage("Slug: lower-case letters, digits and single dashes, e.g. blue-mug.")
            .MaximumLength(Product.SlugMaxLength)
            .MustAsync(async (command, slug, ct) => !await db.Products.AnyAsync(p => p.Slug == slug && p.Id != command.Id, ct))
            .WithMessage("Another product has this slug.")
            .When(c => !string.IsNullOrEmpty(c.Slug));
        RuleFor(c => c.Summary).MaximumLength(Product.SummaryMaxLength);
        RuleFor(c => c.MetaDescription).MaximumLength(Product.MetaDescriptionMaxLength);
        RuleFor(c => c.DescriptionMarkdown).MaximumLength(Product.DescriptionMaxLength);
        RuleFor(c => c.PriceMinor).InclusiveBetween(0, 100_000_000).WithMessage("Price must be between 0 and 1,000,000.00.");
        RuleFor(c => c.CompareAtPriceMinor)
            .Must((command, compareAt) => compareAt > command.PriceMinor).WithMessage("The compare-at price must be above the price (it is the struck-through \"was\" price).")
            .LessThanOrEqualTo(100_000_000)
            .When(c => c.CompareAtPriceMinor is not null);
        RuleFor(c => c.CategoryId)
            .MustAsync(async (id, ct) => await db.Categories.AnyAsync(c => c.Id == id, ct)).WithMessage("Choose a category.");
        RuleFor(c => c.LowStockThreshold).InclusiveBetween(0, 1_000_000);
        RuleFor(c => c.Tags).Must(t => t.Count <= 30).WithMessage("At most 30 tags.");
        RuleForEach(c => c.Specifications).ChildRules(spec =>
        {
            spec.RuleFor(s => s.Name).NotEmpty().MaximumLength(ProductSpecification.NameMaxLength).WithMessage("Each specification needs a name of at most 80 characters (write \"Name: value\").");
            spec.RuleFor(s => s.Value).MaximumLength(ProductSpecification.ValueMaxLength);
        });
        RuleFor(c => c.OptionNames).Must(o => o.Count <= Product.MaxOptions).WithMessage("At most three options (e.g. Size, Colour).")
            .Must(o => o.All(n => n.Length <= Product.OptionNameMaxLength)).WithMessage("Option names are at most 40 characters.");
        RuleForEach(c => c.Variants).ChildRules(variant =>
        {
            variant.RuleFor(v => v.Sku).Matches(SkuPattern).WithMessage("Each variant's SKU must be 3–64 upper-case letters, digits or dashes.");
            variant.RuleFor(v => v.Stock).InclusiveBetween(0, 1_000_000).WithMessage("A new variant's stock is 0 to 1,000,000.");
            variant.RuleFor(v => v.PriceMinor).InclusiveBetween(0, 100_000_000).When(v => v.PriceMinor is not null).WithMessage("A variant's price must be between 0 and 1,000,000.00.");
        }).When(c => c.Variants.Count > 0);
        RuleFor(c => c.Variants)
            .Must(v => v.Where(x => !x.Remove).Select(x => x.Sku).Distinct(StringComparer.Ordinal).Count() == v.Count(x => !x.Remove))
            .WithMessage("Two variants have the same SKU.")
            .Must((c, v) => c.OptionNames.Count == 0 || v.Where(x => !x.Remove).All(x => HasOptions(x, c.OptionNames.Count)))
            .WithMessage("Every variant needs a value for each option.")
            .Must((c, v) => c.OptionNames.Count == 0 || v.Where(x => !x.Remove).Select(x => (x.Option1, x.Option2, x.Option3)).Distinct().Count() == v.Count(x => !x.Remove))
            .WithMessage("Two variants have the same options.");
    }

    private static bool HasOptions(VariantInput variant, int count) =>
        !string.IsNullOrWhiteSpace(variant.Option1)
        && (count < 2 || !string.IsNullOrWhiteSpace(variant.Option2))
        && (count < 3 || !string.IsNullOrWhiteSpace(variant.Option3));
}
