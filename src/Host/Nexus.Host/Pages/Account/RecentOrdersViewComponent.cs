using MediatR;
using Microsoft.AspNetCore.Mvc;
using Nexus.Modules.Ordering.Contracts.Orders;

namespace Nexus.Host.Pages.Account;

/// <summary>
/// The overview's "Recent orders" (view: Pages/Shared/Components/RecentOrders/Default.cshtml). It asks Ordering's
/// <see cref="GetRecentOrders"/> when Ordering runs in this process; until then (or with Ordering switched off) the
/// customer sees "No orders yet" and a way to the shop. Ordering's own rendering of an order line goes in the view.
/// Public because MVC discovers only public view components.
/// </summary>
public sealed class RecentOrdersViewComponent : ViewComponent
{
    private readonly IMediator mediator;
    private readonly IServiceProvider services;

    public RecentOrdersViewComponent(IMediator mediator, IServiceProvider services)
    {
        this.mediator = mediator;
        this.services = services;
    }

    public async Task<IViewComponentResult> InvokeAsync(string customerId, int count)
    {
        IReadOnlyList<OrderSummary> orders = services.GetService<IRequestHandler<GetRecentOrders, IReadOnlyList<OrderSummary>>>() is null
            ? []
            : await mediator.Send(new GetRecentOrders(customerId, count), HttpContext.RequestAborted);
        return View(orders);
    }
}
