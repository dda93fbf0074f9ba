using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Nexus.Modules.Cart.Features.ChangeCart;
using Nexus.Modules.Cart.Web;
using Nexus.Shared.Application;

namespace Nexus.Modules.Cart.Pages.Cart;

/// <summary>
/// <c>POST /cart/add</c> from the product page: variant id and quantity (a price field, if someone adds one, is never
/// read — the catalog's price is the only price). Cross-site protection (decision 0020): a signed-in shopper's post and
/// any post carrying a token are checked as antiforgery posts; an anonymous post from the cached, token-free product
/// page must come from this site (<see cref="SameOriginPost"/>). Without JavaScript the shopper lands on the cart with a
/// message; the cart script asks for JSON and updates the badge and mini-cart in place.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(CartModule.ChangesRateLimitPolicy)]
internal sealed class AddModel : PageModel
{
    private readonly CartCommands commands;
    private readonly CartShopper shopper;
    private readonly IAntiforgery antiforgery;
    private readonly int maxQuantity;

    public AddModel(CartCommands commands, CartShopper shopper, IAntiforgery antiforgery, IOptions<CartOptions> options)
    {
        this.commands = commands;
        this.shopper = shopper;
        this.antiforgery = antiforgery;
        maxQuantity = options.Value.MaxQuantityPerLine;
    }

    public string? Error { get; private set; }

    [TempData(Key = "CartMessage")]
    public string? Message { get; set; }

    [TempData(Key = "CartMessageIsError")]
    public bool? MessageIsError { get; set; }

    public IActionResult OnGet() => RedirectToPage("Index");

    /// <summary>
    /// Razor Pages renders a page for a method it has no handler for (PUT, PATCH, DELETE…); antiforgery usually refuses
    /// those first, but this page ignores tokens on purpose, so it refuses them itself.
    /// </summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerMethod is null)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public async Task<IActionResult> OnPostAsync(string? variantId, string? quantity, CancellationToken cancellationToken)
    {
        if (!await IsSameSiteAsync())
        {
            return Refuse(StatusCodes.Status400BadRequest, "This request did not come from the shop's own page. Please add the product from its page.");
        }

        if (!Guid.TryParse(variantId, out var variant) || variant == Guid.Empty)
        {
            return Refuse(StatusCodes.Status404NotFound, "That product is not for sale.");
        }

        if (!int.TryParse(quantity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var wanted) || wanted < 1 || wanted > maxQuantity)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"Enter a quantity from 1 to {maxQuantity}.");
        }

        var owner = CartShopper.OwnerForAdding(HttpContext);
        CartChange change;
        try
        {
            change = await commands.SendAsync(new AddToCart(owner, variant, wanted), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, string.Join(" ", e.Errors.SelectMany(x => x.Value)));
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Still losing the race after every attempt (many requests changing one cart at once): nothing was saved.
            return Refuse(StatusCodes.Status409Conflict, "Your cart was being changed at the same moment. Please try again.");
        }

        if (!change.Found)
        {
            return Refuse(StatusCodes.Status404NotFound, change.Message);
        }

        // The cookie is written only now that the guest has a cart: browsing never creates one.
        if (change.Changed && owner.CustomerId is null && CartShopper.GuestToken(HttpContext) is null)
        {
            shopper.RememberGuest(HttpContext, owner.GuestToken!);
        }

        if (CartResponses.WantsJson(Request))
        {
            return CartResponses.Json(change);
        }

        Message = change.Message;
        MessageIsError = !change.Changed;
        return RedirectToPage("Index");
    }

    private async Task<bool> IsSameSiteAsync()
    {
        try
        {
            var carriesToken = Request.HasFormContentType && (await Request.ReadFormAsync()).ContainsKey("__RequestVerificationToken");
            if (User.Identity?.IsAuthenticated == true || carriesToken || Request.Headers.ContainsKey("RequestVerificationToken"))
            {
                return await antiforgery.IsRequestValidAsync(HttpContext);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or AntiforgeryValidationException)
        {
            // A malformed or oversized body is not a request from the shop's page.
            return false;
        }

        return SameOriginPost.IsAllowed(Request);
    }

    private IActionResult Refuse(int status, string message)
    {
        if (CartResponses.WantsJson(Request))
        {
            return CartResponses.Problem(Request, status, message);
        }

        if (status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
