using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Nexus.Modules.Ordering.Features.OrderList;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Ordering.Pages.Admin.Orders;

/// <summary>
/// The back office's order list (Admin and Support): filters, search, sort and pages in the query string (a GET form
/// that works without JavaScript); a checkbox per row for the bulk actions (mark processing, export the selection).
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class IndexModel(IMediator mediator, IOptions<OrderingOptions> options) : PageModel
{
    public const string Path = "/admin/orders";
    public const int PageSize = 50;

    private readonly TimeZoneInfo zone = options.Value.ShopTimeZone();

    public OrderListForm Form { get; private set; } = null!;

    public OrderListPage List { get; private set; } = new([], 1, false);

    public string ShopTimeZone => options.Value.TimeZone;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = OrderListForm.Read(Request.Query, zone);
        if (Form.IsValid)
        {
            List = await mediator.Send(new ListOrders(Form.Filter, Form.Page, PageSize), cancellationToken);
        }
    }

    public string ShopTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    public string PageLink(int page) => Form.Link(Path, ("page", page.ToString(CultureInfo.InvariantCulture)));

    public string ExportLink => Form.Link(Path + "/export");

    /// <summary>The column header's link: sort by it, or flip the direction when it is the sort already.</summary>
    public string SortLink(OrderListSort sort) =>
        Form.Link(Path, ("sort", sort == OrderListSort.Date ? null : sort.ToString().ToLowerInvariant()), ("dir", Form.Filter.Sort == sort && Form.Filter.Descending ? "asc" : null));

    public string? SortState(OrderListSort sort) =>
        Form.Filter.Sort != sort ? null : Form.Filter.Descending ? "descending" : "ascending";
}
