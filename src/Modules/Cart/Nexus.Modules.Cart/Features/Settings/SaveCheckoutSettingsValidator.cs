using FluentValidation;
using Nexus.Modules.Cart.Domain;

namespace Nexus.Modules.Cart.Features.Settings;

internal sealed class SaveCheckoutSettingsValidator : AbstractValidator<SaveCheckoutSettings>
{
    /// <summary>A shipping rate or threshold above this (100,000.00) is a typo, not a price.</summary>
    public const long MaxAmountMinor = 10_000_000;

    public SaveCheckoutSettingsValidator()
    {
        RuleFor(r => r.TaxRateBasisPoints).InclusiveBetween(0, CheckoutSettings.MaxTaxRateBasisPoints).WithMessage("The tax rate must be between 0% and 100%.");
        RuleFor(r => r.FreeShippingThresholdMinor).InclusiveBetween(0, MaxAmountMinor).WithMessage("The free-shipping threshold must be between 0.00 and 100,000.00.");
        RuleFor(r => r.StandardShippingMinor).InclusiveBetween(0, MaxAmountMinor).WithMessage("The standard shipping rate must be between 0.00 and 100,000.00.");
        RuleFor(r => r.ExpressShippingMinor).InclusiveBetween(0, MaxAmountMinor).WithMessage("The express shipping rate must be between 0.00 and 100,000.00.");
        RuleFor(r => r.ChangedBy).MaximumLength(100);
    }
}
