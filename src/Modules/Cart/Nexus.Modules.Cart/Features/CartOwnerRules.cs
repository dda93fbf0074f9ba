using FluentValidation;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Domain;

namespace Nexus.Modules.Cart.Features;

/// <summary>The rules every cart request shares: an owner that is one of the two kinds, within the columns' sizes.</summary>
internal static class CartOwnerRules
{
    /// <remarks>
    /// The owner is taken as an expression naming the property, not a delegate: FluentValidation caches the accessor of
    /// a member expression, but compiles any other lambda again every time a validator is built — once per request,
    /// since validators are scoped — which was a tenth of checkout's CPU in JIT work (docs/benchmarks.md, Bench-Checkout).
    /// </remarks>
    public static void OwnerIsValid<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, CartOwner>> owner) =>
        validator.RuleFor(owner).Must(IsValid).OverridePropertyName("Owner").WithMessage("A cart belongs to a customer or a guest.");

    private static bool IsValid(CartOwner? owner) =>
        owner is not null
        && (!string.IsNullOrWhiteSpace(owner.CustomerId) || !string.IsNullOrWhiteSpace(owner.GuestToken))
        && (owner.CustomerId?.Length ?? 0) <= ShoppingCart.CustomerIdMaxLength
        && (owner.GuestToken?.Length ?? 0) <= ShoppingCart.GuestTokenMaxLength;
}
