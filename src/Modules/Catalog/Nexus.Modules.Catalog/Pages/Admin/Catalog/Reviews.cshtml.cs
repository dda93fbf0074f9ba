using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.Reviews;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>Reviews in the back office: newest first, filtered to hidden or visible ones; Admins hide and show them again.</summary>
[Authorize(Policy = NexusPolicies.Admin)]
internal sealed class ReviewsModel(CatalogDbContext db, IMediator mediator) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<AdminReviewRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var reviews = db.Reviews.AsNoTracking();
        reviews = Show switch
        {
            "hidden" => reviews.Where(r => r.IsHidden),
            "visible" => reviews.Where(r => !r.IsHidden),
            _ => reviews,
        };
        Total = await reviews.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await reviews
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.Products, r => r.ProductId, p => p.Id, (r, p) => new AdminReviewRow(r.Id, p.Name, p.Slug, r.AuthorName, r.Rating, r.Title, r.Body, r.IsHidden, r.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid reviewId, bool hide, CancellationToken cancellationToken)
    {
        var actor = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        if (!await mediator.Send(new HideReview(reviewId, hide, actor), cancellationToken))
        {
            return NotFound();
        }

        Message = hide ? "Review hidden from the shop." : "Review shown in the shop again.";
        return Redirect($"/admin/catalog/reviews?show={Uri.EscapeDataString(Show ?? "all")}&p={PageNumber}");
    }

    internal sealed record AdminReviewRow(Guid Id, string ProductName, string ProductSlug, string AuthorName, int Rating, string? Title, string Body, bool IsHidden, DateTime CreatedAt);
}
