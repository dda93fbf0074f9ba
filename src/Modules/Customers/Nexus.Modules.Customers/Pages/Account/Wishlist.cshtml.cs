using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Customers.Features.Wishlist;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Customers.Pages.Account;

/// <summary>
/// The wishlist. <c>POST /account/wishlist?handler=Add</c> is what the storefront's "Save for later" buttons post
/// (Catalog links here by URL only; it does not reference this module).
/// </summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class WishlistModel : PageModel
{
    private readonly IMediator mediator;

    public WishlistModel(IMediator mediator) => this.mediator = mediator;

    public IReadOnlyList<WishlistLine> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Lines = await mediator.Send(new GetWishlist(CurrentCustomer.Id(User)), cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(Guid productId, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new AddToWishlist(CurrentCustomer.Id(User), productId), cancellationToken))
        {
            return NotFound();
        }

        return !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid productId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RemoveFromWishlist(CurrentCustomer.Id(User), productId), cancellationToken);
        return RedirectToPage();
    }
}
