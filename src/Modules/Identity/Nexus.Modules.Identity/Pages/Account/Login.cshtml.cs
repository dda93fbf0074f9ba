using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Security;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// Sign-in. Every failure (unknown address, wrong password, locked or unconfirmed account) gets the same
/// message, so the form never tells anyone whether an address is registered.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityRateLimits.SignIn)]
internal sealed class LoginModel : PageModel
{
    public const string FailedMessage =
        "We couldn't sign you in with that e-mail and password. After several failed attempts sign-in pauses for a while, and new accounts must confirm their e-mail address first.";

    private readonly SignInManager<ShopUser> signIn;
    private readonly SignInThrottle throttle;

    public LoginModel(SignInManager<ShopUser> signIn, SignInThrottle throttle)
    {
        this.signIn = signIn;
        this.throttle = throttle;
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A remember-me value that is not a boolean is an unticked box. Left in the model state, the checkbox tag
        // helper would try to show it again and throw (a 500 found by the hostile-input sweep).
        var rememberMe = $"{nameof(Input)}.{nameof(LoginInput.RememberMe)}";
        if (ModelState.TryGetValue(rememberMe, out var entry) && entry.Errors.Count > 0)
        {
            ModelState.Remove(rememberMe);
            Input.RememberMe = false;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (throttle.TryAttempt(Input.Email) is { } wait)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        // The user name is the e-mail address (set at registration). Signing in stays here, not in a command: it is
        // mostly a cookie operation, and the failed-attempt count and lockout SignInManager records must be saved even
        // though the sign-in fails — the store saves them on its own (no command defers its saves here).
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWithTwoFactor", new { ReturnUrl = SafeReturnUrl(), Input.RememberMe });
        }

        ModelState.AddModelError(string.Empty, FailedMessage);
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account";

    internal sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }
}
