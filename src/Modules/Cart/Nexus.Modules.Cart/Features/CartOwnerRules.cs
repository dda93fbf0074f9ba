using FluentValidation;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Domain;

namespace Nexus.Modules.Cart.Features;

/// <summary>The rules every cart request shares: an owner that is one of the two kinds, within the columns' sizes.</summary>
internal static class CartOwnerRules
{
    public static void OwnerIsValid<T>(this AbstractValidator<T> validator, Func<T, CartOwner> owner) =>
        validator.RuleFor(r => owner(r)).Must(IsValid).OverridePropertyName("Owner").WithMessage("A cart belongs to a customer or a guest.");

    private static bool IsValid(CartOwner? owner) =>
        owner is not null
        && (!string.IsNullOrWhiteSpace(owner.CustomerId) || !string.IsNullOrWhiteSpace(owner.GuestToken))
        && (owner.CustomerId?.Length ?? 0) <= ShoppingCart.CustomerIdMaxLength
        && (owner.GuestToken?.Length ?? 0) <= ShoppingCart.GuestTokenMaxLength;
}
