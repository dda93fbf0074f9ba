using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Notifications.Contracts;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>Queues a message with a one-time link to /account/reset-password.</summary>
internal static class PasswordResetEmail
{
    public static async Task SendAsync(UserManager<ShopUser> users, IMediator mediator, HttpRequest request, ShopUser user, string template, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = AccountLinks.Absolute(request, "/account/reset-password", ("email", user.Email!), ("code", AccountLinks.Encode(token)));
        await mediator.Send(new SendEmail(user.Email!, template, new Dictionary<string, string> { ["Link"] = link }), cancellationToken);
    }
}
