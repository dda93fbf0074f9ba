using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Features.SetUpFirstAdmin;

/// <summary>The administrator's account and Admin role in one commit (before, two: a failure between left an account that was no Admin).</summary>
internal sealed class SetUpFirstAdminHandler : IRequestHandler<SetUpFirstAdmin, bool>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;
    private readonly TimeProvider time;

    public SetUpFirstAdminHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, TimeProvider time)
    {
        this.users = users;
        this.saves = saves;
        this.time = time;
    }

    public async Task<bool> Handle(SetUpFirstAdmin request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        if ((await users.GetUsersInRoleAsync(NexusRoles.Admin)).Count > 0)
        {
            return false;
        }

        var admin = await users.FindByEmailAsync(request.Email);
        if (admin is null)
        {
            admin = new ShopUser { UserName = request.Email, Email = request.Email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
            IdentityCommandResults.ThrowIfFailed(await users.CreateAsync(admin, request.Password), $"create the first administrator {request.Email}");
        }

        IdentityCommandResults.ThrowIfFailed(await users.AddToRoleAsync(admin, NexusRoles.Admin), "make the first administrator an Admin");
        return true;
    }
}
