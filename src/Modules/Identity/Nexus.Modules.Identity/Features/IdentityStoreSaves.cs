using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features;

/// <summary>
/// ASP.NET Core Identity's EF stores call SaveChanges after every UserManager or RoleManager write (CreateAsync,
/// AddToRoleAsync, UpdateSecurityStampAsync, ...), so one action used to be several commits. A command handler
/// calls <see cref="Defer"/> first: while the returned scope is open the stores only change tracked entities
/// (<c>AutoSaveChanges = false</c>) and the unit of work commits the user change, its audit row and its events once
/// (<see cref="ShopUserStore"/> keeps several updates of one user in one command consistent).
/// The scope restores the stores on dispose, so the writes SignInManager still makes outside commands (failed
/// sign-in counts, lockouts) keep saving on their own.
/// </summary>
/// <remarks>
/// With saves deferred, UserManager's checks that query the database (unique e-mail, "is in role", "role exists")
/// do not see entities added earlier in the same handler (a role created in a command cannot be given to a user
/// in the same command); handlers are written with that in mind.
/// </remarks>
internal sealed class IdentityStoreSaves
{
    private readonly ShopUserStore users;
    private readonly RoleStore<IdentityRole, IdentityStoreDbContext, string, IdentityUserRole<string>, IdentityRoleClaim<string>> roles;
    private readonly IdentityStoreDbContext db;

    public IdentityStoreSaves(IUserStore<ShopUser> users, IRoleStore<IdentityRole> roles, IdentityStoreDbContext db)
    {
        // IdentityModule registers exactly these store types.
        this.users = users as ShopUserStore
            ?? throw new InvalidOperationException($"Identity's user store is {users.GetType()}, not the EF store whose saves commands defer.");
        this.roles = roles as RoleStore<IdentityRole, IdentityStoreDbContext, string, IdentityUserRole<string>, IdentityRoleClaim<string>>
            ?? throw new InvalidOperationException($"Identity's role store is {roles.GetType()}, not the EF store whose saves commands defer.");
        this.db = db;
    }

    /// <summary>Stops the stores saving on their own until the returned scope is disposed.</summary>
    public IDisposable Defer()
    {
        var restore = new Restore(this, users.AutoSaveChanges, roles.AutoSaveChanges);
        users.AutoSaveChanges = false;
        roles.AutoSaveChanges = false;
        return restore;
    }

    /// <summary>
    /// Forgets every change the handler made so far, for a handler that ends in a refusal: the unit of work still
    /// commits after a handler that returns normally, and half an action must not be saved.
    /// </summary>
    public void Discard() => db.ChangeTracker.Clear();

    private sealed class Restore(IdentityStoreSaves owner, bool users, bool roles) : IDisposable
    {
        public void Dispose()
        {
            owner.users.AutoSaveChanges = users;
            owner.roles.AutoSaveChanges = roles;
        }
    }
}
