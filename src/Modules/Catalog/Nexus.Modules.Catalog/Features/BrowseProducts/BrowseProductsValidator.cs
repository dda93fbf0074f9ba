using FluentValidation;

namespace Nexus.Modules.Catalog.Features.BrowseProducts;

internal sealed class BrowseProductsValidator : AbstractValidator<BrowseProducts>
{
    public BrowseProductsValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
    }
}
