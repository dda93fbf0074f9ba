using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Notifications.Contracts;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>Queues the "confirm your address" message with a one-time link.</summary>
internal static class ConfirmationEmail
{
    public static async Task SendAsync(UserManager<ShopUser> users, IMediator mediator, HttpRequest request, ShopUser user, CancellationToken cancellationToken)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = AccountLinks.Absolute(request, "/account/confirm-email", ("userId", user.Id), ("code", AccountLinks.Encode(token)));
        await mediator.Send(new SendEmail(user.Email!, EmailTemplates.ConfirmEmail, new Dictionary<string, string> { ["Link"] = link }), cancellationToken);
    }
}
