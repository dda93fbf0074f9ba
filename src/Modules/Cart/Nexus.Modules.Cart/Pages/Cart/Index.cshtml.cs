using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Features.ChangeCart;
using Nexus.Modules.Cart.Features;
using Nexus.Modules.Cart.Web;
using Nexus.Shared.Application;

namespace Nexus.Modules.Cart.Pages.Cart;

/// <summary>
/// The cart page: lines priced now, notices (price changed, lowered to stock, coupon dropped), quantity, remove,
/// discount code and totals. Personal, so its forms carry antiforgery tokens. Works without JavaScript (each form
/// posts and is redirected back here); the cart script sends the same forms with fetch and swaps the page in place.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(CartModule.ChangesRateLimitPolicy)]
internal sealed class IndexModel : PageModel
{
    private readonly CartCommands commands;
    private readonly CartStore store;
    private readonly CartPricer pricer;

    public IndexModel(CartCommands commands, CartStore store, CartPricer pricer, IOptions<CartOptions> options)
    {
        this.commands = commands;
        this.store = store;
        this.pricer = pricer;
        MaxQuantity = options.Value.MaxQuantityPerLine;
    }

    public int MaxQuantity { get; }

    public PricedCart Cart { get; private set; } = null!;

    public IReadOnlyList<string> Notices { get; private set; } = [];

    /// <summary>Orders placed from this cart and not yet paid: the page links to their payment (docs/decisions/0023).</summary>
    public IReadOnlyList<string> UnpaidOrders { get; private set; } = [];

    [TempData(Key = "CartMessage")]
    public string? Message { get; set; }

    [TempData(Key = "CartMessageIsError")]
    public bool? MessageIsError { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var owner = CartShopper.Owner(HttpContext);
        if (owner is not null)
        {
            Notices = await commands.SendAsync(new RefreshCart(owner), cancellationToken);
        }

        var cart = owner is null ? null : await store.FindAsync(owner, cancellationToken, tracking: false);
        Cart = await pricer.PriceAsync(cart, ShippingMethods.Standard, owner is null ? null : CartStore.CustomerKey(owner), cancellationToken);
        UnpaidOrders = await pricer.UnpaidOrdersAsync(cart?.Id, cancellationToken);
    }

    public Task<IActionResult> OnPostUpdateAsync(Guid lineId, string? quantity, CancellationToken cancellationToken)
    {
        if (!int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var wanted) || wanted > MaxQuantity)
        {
            return Task.FromResult(Refuse($"Enter a quantity from 0 (remove) to {MaxQuantity}."));
        }

        return ChangeAsync(owner => new ChangeCartQuantity(owner, lineId, wanted), cancellationToken);
    }

    public Task<IActionResult> OnPostRemoveAsync(Guid lineId, CancellationToken cancellationToken) =>
        ChangeAsync(owner => new RemoveFromCart(owner, lineId), cancellationToken);

    public Task<IActionResult> OnPostCouponAsync(string? code, CancellationToken cancellationToken) =>
        ChangeAsync(owner => new ApplyCouponToCart(owner, code ?? string.Empty), cancellationToken);

    public Task<IActionResult> OnPostRemoveCouponAsync(CancellationToken cancellationToken) =>
        ChangeAsync(owner => new RemoveCouponFromCart(owner), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<CartOwner, IRequest<CartChange>> command, CancellationToken cancellationToken)
    {
        // A visitor with no cart cookie has no lines to change: like another shopper's line, that is a 404.
        var owner = CartShopper.Owner(HttpContext);
        if (owner is null)
        {
            return CartResponses.Problem(Request, StatusCodes.Status404NotFound, "Your cart is empty.");
        }

        CartChange change;
        try
        {
            change = await commands.SendAsync(command(owner), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            return Refuse(string.Join(" ", e.Errors.SelectMany(x => x.Value)));
        }

        if (!change.Found)
        {
            return CartResponses.Problem(Request, StatusCodes.Status404NotFound, change.Message);
        }

        if (CartResponses.WantsJson(Request))
        {
            return CartResponses.Json(change);
        }

        Message = change.Message;
        MessageIsError = !change.Changed;
        return RedirectToPage();
    }

    private IActionResult Refuse(string message)
    {
        if (CartResponses.WantsJson(Request))
        {
            return CartResponses.Problem(Request, StatusCodes.Status400BadRequest, message);
        }

        Message = message;
        MessageIsError = true;
        return RedirectToPage();
    }
}
