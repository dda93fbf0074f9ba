using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Contracts;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Accounts;

internal sealed class GetUserAccountHandler : IRequestHandler<GetUserAccount, UserAccount?>
{
    private readonly UserManager<ShopUser> users;

    public GetUserAccountHandler(UserManager<ShopUser> users) => this.users = users;

    public async Task<UserAccount?> Handle(GetUserAccount request, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(request.UserId);
        if (user is null)
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        return new UserAccount(user.Id, user.Email ?? string.Empty, user.EmailConfirmed, user.TwoFactorEnabled, user.CreatedAt, [.. roles]);
    }
}
