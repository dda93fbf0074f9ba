using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.Reviews;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Catalog.Pages.Reviews;

/// <summary>
/// Writing a review: <c>/products/{slug}/review</c>. Signed-in customers only; the rules (bought it, not reviewed yet,
/// lengths) are <see cref="SubmitReviewValidator"/>'s, shown inline. On success back to the product's reviews.
/// </summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class WriteModel(CatalogDbContext db, IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = string.Empty;

    public string ProductName { get; private set; } = string.Empty;

    public ReviewEligibility Eligibility { get; private set; }

    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var product = await FindAsync(cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        Eligibility = (await mediator.Send(new GetProductReviews(product.Value.Id, CustomerId), cancellationToken)).Eligibility;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var product = await FindAsync(cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        Eligibility = ReviewEligibility.CanReview;
        try
        {
            await mediator.Send(new SubmitReview(product.Value.Id, CustomerId ?? string.Empty, Input.AuthorName ?? string.Empty, Input.Rating, Input.Title, Input.Body ?? string.Empty), cancellationToken);
        }
        catch (RequestValidationException invalid)
        {
            foreach (var (field, errors) in invalid.Errors)
            {
                foreach (var error in errors)
                {
                    ModelState.AddModelError(field == nameof(SubmitReview.ProductId) ? string.Empty : $"{nameof(Input)}.{field}", error);
                }
            }

            return Page();
        }

        return Redirect($"/products/{product.Value.Slug}#reviews");
    }

    private string? CustomerId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    private async Task<(Guid Id, string Slug)?> FindAsync(CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Listed().Where(p => p.Slug == Slug)
            .Select(p => new { p.Id, p.Slug, p.Name }).FirstOrDefaultAsync(cancellationToken);
        if (product is null)
        {
            return null;
        }

        ProductName = product.Name;
        return (product.Id, product.Slug);
    }

    internal sealed class ReviewInput
    {
        [Display(Name = "Stars")]
        public int Rating { get; set; }

        [Display(Name = "Title (optional)")]
        public string? Title { get; set; }

        [Display(Name = "Your review")]
        public string? Body { get; set; }

        [Display(Name = "Name shown with your review")]
        public string? AuthorName { get; set; }
    }
}
