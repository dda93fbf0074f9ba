using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Security;
using Nexus.Modules.Notifications.Contracts;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Sends a reset link to confirmed accounts; answers the same for any address.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityRateLimits.PasswordReset)]
internal sealed class ForgotPasswordModel : EmailLinkRequestModel
{
    public ForgotPasswordModel(UserManager<ShopUser> users, IMediator mediator)
        : base(users, mediator)
    {
    }

    protected override bool IsEligible(ShopUser user) => user.EmailConfirmed;

    protected override Task SendLinkAsync(ShopUser user, CancellationToken cancellationToken) =>
        PasswordResetEmail.SendAsync(Users, Mediator, Request, user, EmailTemplates.ResetPassword, cancellationToken);
}
