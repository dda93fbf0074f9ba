using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Features.SetUpRoles;

/// <summary>All missing roles in one commit.</summary>
internal sealed class SetUpRolesHandler : IRequestHandler<SetUpRoles, int>
{
    private static readonly string[] Roles = [NexusRoles.Customer, NexusRoles.Admin, NexusRoles.Support];
    private readonly RoleManager<IdentityRole> roles;
    private readonly IdentityStoreSaves saves;

    public SetUpRolesHandler(RoleManager<IdentityRole> roles, IdentityStoreSaves saves)
    {
        this.roles = roles;
        this.saves = saves;
    }

    public async Task<int> Handle(SetUpRoles request, CancellationToken cancellationToken)
    {
        using var deferred = saves.Defer();
        var created = 0;
        foreach (var role in Roles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                IdentityCommandResults.ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
                created++;
            }
        }

        return created;
    }
}
