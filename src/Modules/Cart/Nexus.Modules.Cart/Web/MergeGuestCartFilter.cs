using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Features.MergeCarts;
using MediatR;

namespace Nexus.Modules.Cart.Web;

/// <summary>
/// On every page request of a signed-in shopper who still carries a guest cart cookie (i.e. the first page after
/// signing in), merges the guest cart into theirs and deletes the cookie. Costs nothing for anyone else: no cookie or
/// no sign-in, no database work. Two requests merging at once: one commits, the other fails on the concurrency
/// token, drops its changes and finds the guest cart gone (decision 0020).
/// </summary>
internal sealed class MergeGuestCartFilter : IAsyncPageFilter
{
    private readonly IMediator mediator;
    private readonly CartDbContext db;

    public MergeGuestCartFilter(IMediator mediator, CartDbContext db)
    {
        this.mediator = mediator;
        this.db = db;
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (CartShopper.CustomerId(http) is { } customer && CartShopper.GuestToken(http) is { } token)
        {
            try
            {
                await mediator.Send(new MergeGuestCart(customer, token), http.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // Another request merged this guest cart a moment ago; its result stands.
                db.ChangeTracker.Clear();
            }

            CartShopper.ForgetGuest(http);
        }
        else if (http.Request.Cookies.ContainsKey(Contracts.CartCookie.Name) && CartShopper.GuestToken(http) is null)
        {
            // A malformed cookie names no cart: drop it.
            CartShopper.ForgetGuest(http);
        }

        await next();
    }
}
