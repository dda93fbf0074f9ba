using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Nexus.Modules.Promotions.Domain;
using Nexus.Modules.Promotions.Features.ManageCoupons;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Promotions.Pages.Admin.Coupons;

/// <summary>The coupon list with usage (used / cap) and search (Admin and Support).</summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class IndexModel(IMediator mediator, IAuthorizationService authorization, IOptions<PromotionsOptions> options) : PageModel
{
    private readonly CouponRules dates = new(options.Value.ShopTimeZone());

    public string? Text { get; private set; }

    public CouponListPage List { get; private set; } = new([], 1, false);

    public bool CanChange { get; private set; }

    public string ShopTimeZone => options.Value.TimeZone;

    public async Task OnGetAsync(string? q, int? page, CancellationToken cancellationToken)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        Text = q is { Length: > 100 } ? q[..100] : q;
        List = await mediator.Send(new SearchCoupons(Text, page ?? 1), cancellationToken);
    }

    public string ShopDate(DateTime? utc) => utc is { } at ? dates.ShopDate(at) : "—";

    public string PageLink(int page) =>
        "/admin/coupons?" + (string.IsNullOrEmpty(Text) ? string.Empty : $"q={Uri.EscapeDataString(Text)}&") + $"page={page}";
}
