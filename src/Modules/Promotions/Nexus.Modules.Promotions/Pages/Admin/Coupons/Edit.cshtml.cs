using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Promotions.Features.ManageCoupons;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Promotions.Pages.Admin.Coupons;

/// <summary>
/// The coupon editor: <c>/admin/coupons/new</c> creates, <c>/admin/coupons/{id}</c> edits, deactivates, or deletes a
/// coupon nobody used yet. Support sees it read-only; every change needs Admin.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class EditModel(IMediator mediator, IAuthorizationService authorization, IOptions<PromotionsOptions> options) : PageModel
{
    private readonly TimeZoneInfo zone = options.Value.ShopTimeZone();

    [BindProperty]
    public CouponInput Input { get; set; } = new();

    public Guid? CouponId { get; private set; }

    public int UsedCount { get; private set; }

    public int Redemptions { get; private set; }

    public bool CanChange { get; private set; }

    public string ShopTimeZone => options.Value.TimeZone;

    public string Currency => options.Value.Currency;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, keepInput: false))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, keepInput: true))
        {
            return NotFound();
        }

        if (!CanChange)
        {
            return Forbid();
        }

        var errors = new Dictionary<string, string>();
        var amount = CouponInput.ToMinor(Input.AmountOff, nameof(CouponInput.AmountOff), errors);
        var minimum = CouponInput.ToMinor(Input.MinimumSubtotal, nameof(CouponInput.MinimumSubtotal), errors) ?? 0;
        var starts = CouponInput.ToUtc(Input.StartsAt, zone, nameof(CouponInput.StartsAt), errors);
        var ends = CouponInput.ToUtc(Input.EndsAt, zone, nameof(CouponInput.EndsAt), errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        SaveCouponResult result;
        try
        {
            result = await mediator.Send(
                new SaveCoupon(CouponId, Input.Code ?? string.Empty, Input.Description ?? string.Empty, Input.Kind, Input.PercentOff, amount, starts, ends, minimum, Input.PerCustomerLimit, Input.UsageCap, Input.Active),
                cancellationToken);
        }
        catch (RequestValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError($"{nameof(Input)}.{InputField(field)}", message);
                }
            }

            return Page();
        }
        catch (DbUpdateException)
        {
            // Two admins saved the same new code at once: the unique index refused the second.
            result = new SaveCouponResult(CouponId, SaveCouponOutcome.DuplicateCode);
        }

        switch (result.Outcome)
        {
            case SaveCouponOutcome.NotFound:
                return NotFound();
            case SaveCouponOutcome.DuplicateCode:
                ModelState.AddModelError($"{nameof(Input)}.{nameof(CouponInput.Code)}", "Another coupon already has this code.");
                return Page();
            default:
                Message = CouponId is null ? "Coupon created." : "Coupon saved.";
                return Redirect($"/admin/coupons/{result.Id}");
        }
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, keepInput: false) || CouponId is null)
        {
            return NotFound();
        }

        if (!CanChange)
        {
            return Forbid();
        }

        await mediator.Send(new DeactivateCoupon(CouponId.Value), cancellationToken);
        Message = "Coupon deactivated: it no longer applies anywhere.";
        return Redirect($"/admin/coupons/{CouponId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, keepInput: false) || CouponId is null)
        {
            return NotFound();
        }

        if (!CanChange)
        {
            return Forbid();
        }

        var outcome = await mediator.Send(new DeleteCoupon(CouponId.Value), cancellationToken);
        switch (outcome)
        {
            case DeleteCouponOutcome.NotFound:
                return NotFound();
            case DeleteCouponOutcome.HasRedemptions:
                ModelState.AddModelError(string.Empty, "This coupon has been used, so it cannot be deleted; deactivate it instead.");
                return Page();
            default:
                Message = $"Coupon {Input.Code} deleted.";
                return Redirect("/admin/coupons");
        }
    }

    /// <summary>The command's field names are the form's, except the amounts (minor units there, major units here).</summary>
    private static string InputField(string commandField) => commandField switch
    {
        nameof(SaveCoupon.AmountOffMinor) => nameof(CouponInput.AmountOff),
        nameof(SaveCoupon.MinimumSubtotalMinor) => nameof(CouponInput.MinimumSubtotal),
        _ => commandField,
    };

    /// <summary>False when <paramref name="id"/> is neither "new" nor a coupon's id (404, never a 500).</summary>
    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken, bool keepInput)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        if (string.Equals(id, "new", StringComparison.Ordinal))
        {
            return true;
        }

        if (!Guid.TryParse(id, out var couponId))
        {
            return false;
        }

        var details = await mediator.Send(new GetCoupon(couponId), cancellationToken);
        if (details is null)
        {
            return false;
        }

        CouponId = couponId;
        UsedCount = details.Coupon.UsedCount;
        Redemptions = details.Redemptions;
        if (!keepInput)
        {
            Input = CouponInput.From(details.Coupon, zone);
        }

        return true;
    }
}
