using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Security;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>A new confirmation link; the answer is the same whether or not the address is registered.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityRateLimits.PasswordReset)]
internal sealed class ResendConfirmationModel : EmailLinkRequestModel
{
    public ResendConfirmationModel(UserManager<ShopUser> users, IMediator mediator)
        : base(users, mediator)
    {
    }

    protected override bool IsEligible(ShopUser user) => !user.EmailConfirmed;

    protected override Task SendLinkAsync(ShopUser user, CancellationToken cancellationToken) =>
        ConfirmationEmail.SendAsync(Users, Mediator, Request, user, cancellationToken);
}
