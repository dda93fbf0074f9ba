using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features;

/// <summary>
/// What every back-office change to an account does around the change itself: the stores' saves deferred (one
/// commit for the change and its audit row), the account looked up, and null for an unknown one (the page's 404).
/// </summary>
internal abstract class StaffChangeHandler<TCommand> : IRequestHandler<TCommand, StaffChangeResult?>
    where TCommand : IStaffChange
{
    private readonly IdentityStoreSaves saves;

    protected StaffChangeHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, AuditLog audit)
    {
        Users = users;
        this.saves = saves;
        Audit = audit;
    }

    protected UserManager<ShopUser> Users { get; }

    protected AuditLog Audit { get; }

    public async Task<StaffChangeResult?> Handle(TCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await Users.FindByIdAsync(request.UserId);
        return user is null ? null : await ChangeAsync(request, user);
    }

    /// <summary>Changes <paramref name="user"/> (tracked changes only) and records the audit row, or refuses.</summary>
    protected abstract Task<StaffChangeResult> ChangeAsync(TCommand request, ShopUser user);
}
