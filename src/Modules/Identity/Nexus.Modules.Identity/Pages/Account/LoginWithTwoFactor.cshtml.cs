using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Security;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// The second step for accounts with an authenticator app. Only reachable with the short-lived two-factor
/// cookie the password step sets; wrong codes count towards lockout like wrong passwords.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityRateLimits.SignIn)]
internal sealed class LoginWithTwoFactorModel : PageModel
{
    private readonly SignInManager<ShopUser> signIn;

    public LoginWithTwoFactorModel(SignInManager<ShopUser> signIn) => this.signIn = signIn;

    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(20)]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public bool RememberDevice { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        // Like the password step (see LoginModel): SignInManager sets the cookie and saves failed attempts itself.
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberDevice)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account");
        }

        ModelState.AddModelError(string.Empty, "That code didn't work. Codes change every 30 seconds; after several wrong codes sign-in pauses for a while.");
        return Page();
    }
}
