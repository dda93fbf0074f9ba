using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Startup;

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

        // Never promote an account that exists: anyone can register an address, so promoting it would hand the shop to
        // whoever registered the configured address first (e.g. after the only admin deleted their account). The
        // first administrator is always a new account; start-up stops and says so instead.
        if (await users.FindByEmailAsync(request.Email) is { } existing)
        {
            if (await users.IsInRoleAsync(existing, NexusRoles.Admin))
            {
                return false; // another instance starting at the same time created it (account and role commit together)
            }

            throw new StartupConfigurationException(
                "Identity:Admin:Email",
                $"nobody holds the Admin role and {request.Email} is an existing account, which Nexus never promotes at start-up (whoever registered that address would become the administrator). Set it to an address no account uses; a new administrator account is created with Identity:Admin:Password.");
        }

        var admin = new ShopUser { UserName = request.Email, Email = request.Email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
        IdentityCommandResults.ThrowIfFailed(await users.CreateAsync(admin, request.Password), $"create the first administrator {request.Email}");

        IdentityCommandResults.ThrowIfFailed(await users.AddToRoleAsync(admin, NexusRoles.Admin), "make the first administrator an Admin");
        return true;
    }
}
