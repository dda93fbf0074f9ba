using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Cart.Domain;
using Nexus.Modules.Cart.Features;
using Nexus.Modules.Cart.Features.Settings;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Cart.Pages.Admin.Settings;

/// <summary>
/// <c>/admin/settings/checkout</c>: the tax rate, the free-shipping threshold and the shipping rates the cart and
/// checkout charge. Admin edits; Support reads (the form is shown disabled and a post is refused).
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class CheckoutModel : PageModel
{
    private readonly IMediator mediator;
    private readonly CartPricer pricer;
    private readonly IAuthorizationService authorization;

    public CheckoutModel(IMediator mediator, CartPricer pricer, IAuthorizationService authorization)
    {
        this.mediator = mediator;
        this.pricer = pricer;
        this.authorization = authorization;
    }

    [BindProperty]
    public CheckoutSettingsInput Input { get; set; } = new();

    public bool CanEdit { get; private set; }

    public bool Saved { get; private set; }

    public string Currency => pricer.ShopCurrency;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanEdit = await IsAdminAsync();
        Fill(await pricer.SettingsAsync(cancellationToken));
        Saved = Request.Query.ContainsKey("saved");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        CanEdit = await IsAdminAsync();
        if (!CanEdit)
        {
            return Forbid();
        }

        var tax = CheckoutSettingsInput.ParsePercent(Input.TaxRatePercent);
        var threshold = CheckoutSettingsInput.ParseAmount(Input.FreeShippingThreshold);
        var standard = CheckoutSettingsInput.ParseAmount(Input.StandardShipping);
        var express = CheckoutSettingsInput.ParseAmount(Input.ExpressShipping);
        Require(tax is not null, nameof(Input.TaxRatePercent), "Enter the tax rate as a percentage, e.g. 10 or 7.25.");
        Require(threshold is not null, nameof(Input.FreeShippingThreshold), "Enter an amount such as 50.00 (0 makes shipping always free).");
        Require(standard is not null, nameof(Input.StandardShipping), "Enter an amount such as 5.99.");
        Require(express is not null, nameof(Input.ExpressShipping), "Enter an amount such as 14.99.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await mediator.Send(new SaveCheckoutSettings(tax!.Value, threshold!.Value, standard!.Value, express!.Value, User.FindFirstValue(ClaimTypes.Name)), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                var key = field switch
                {
                    nameof(SaveCheckoutSettings.TaxRateBasisPoints) => nameof(Input.TaxRatePercent),
                    nameof(SaveCheckoutSettings.FreeShippingThresholdMinor) => nameof(Input.FreeShippingThreshold),
                    nameof(SaveCheckoutSettings.StandardShippingMinor) => nameof(Input.StandardShipping),
                    nameof(SaveCheckoutSettings.ExpressShippingMinor) => nameof(Input.ExpressShipping),
                    _ => string.Empty,
                };
                foreach (var message in messages)
                {
                    ModelState.AddModelError(key.Length > 0 ? $"Input.{key}" : string.Empty, message);
                }
            }

            return Page();
        }

        return RedirectToPage(new { saved = 1 });
    }

    private void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            ModelState.AddModelError($"Input.{field}", message);
        }
    }

    private void Fill(CheckoutSettings settings) => Input = new CheckoutSettingsInput
    {
        TaxRatePercent = CheckoutSettingsInput.Percent(settings.TaxRateBasisPoints),
        FreeShippingThreshold = CheckoutSettingsInput.Amount(settings.FreeShippingThresholdMinor),
        StandardShipping = CheckoutSettingsInput.Amount(settings.StandardShippingMinor),
        ExpressShipping = CheckoutSettingsInput.Amount(settings.ExpressShippingMinor),
    };

    private async Task<bool> IsAdminAsync() => (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
}
