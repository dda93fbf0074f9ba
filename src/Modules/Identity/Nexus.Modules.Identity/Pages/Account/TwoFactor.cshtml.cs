using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Features;
using Nexus.Modules.Identity.Features.CreateAuthenticatorKey;
using Nexus.Modules.Identity.Features.DisableTwoFactor;
using Nexus.Modules.Identity.Features.EnableTwoFactor;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Startup;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Turns authenticator-app (TOTP) two-factor sign-in on and off, with one-time recovery codes.</summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class TwoFactorModel : PageModel
{
    private readonly UserManager<ShopUser> users;
    private readonly SignInManager<ShopUser> signIn;
    private readonly IMediator mediator;
    private readonly string shopName;

    public TwoFactorModel(UserManager<ShopUser> users, SignInManager<ShopUser> signIn, IMediator mediator, IOptions<NexusOptions> shop)
    {
        this.users = users;
        this.signIn = signIn;
        this.mediator = mediator;
        shopName = shop.Value.ShopName;
    }

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string FormattedKey { get; private set; } = string.Empty;

    public string AuthenticatorUri { get; private set; } = string.Empty;

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Asked again to turn two-factor off (issue 13, item 4).</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (await mediator.Send(new EnableTwoFactor(user.Id, code), cancellationToken) is not { } recoveryCodes)
        {
            ModelState.AddModelError(string.Empty, "That code didn't match. Check the app's clock and try the current code.");
            await LoadAsync(user);
            return Page();
        }

        RecoveryCodes = [.. recoveryCodes];
        // Re-issuing this browser's cookie is not a database change; it stays in the page, after the commit.
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var reconfirmation = await mediator.Send(new DisableTwoFactor(user.Id, CurrentPassword ?? string.Empty), cancellationToken);
        if (reconfirmation is not PasswordReconfirmation.Confirmed)
        {
            ModelState.AddModelError(
                nameof(CurrentPassword),
                reconfirmation is PasswordReconfirmation.LockedOut
                    ? PasswordReconfirmations.LockedOutMessage
                    : "That is not your current password. Two-factor sign-in is still on.");
            await LoadAsync(user);
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task LoadAsync(ShopUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        if (Enabled)
        {
            return;
        }

        // The first view creates the key to scan: a state change, so a command (it keeps an existing key).
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = await mediator.Send(new CreateAuthenticatorKey(user.Id), HttpContext.RequestAborted);
        }

        FormattedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var issuer = UrlEncoder.Default.Encode(shopName);
        AuthenticatorUri = $"otpauth://totp/{issuer}:{UrlEncoder.Default.Encode(user.Email ?? user.Id)}?secret={key}&issuer={issuer}&digits=6";
    }
}
