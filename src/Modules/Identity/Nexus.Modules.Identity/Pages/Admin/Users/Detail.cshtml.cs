using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Audit;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Pages.Admin.Users;

/// <summary>
/// One account for staff. Support reads; only Admins change roles, lock, unlock or force a password reset,
/// and every change goes to the audit log. Locking and forced resets renew the security stamp, which ends the
/// user's existing sessions at their next check.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class DetailModel : PageModel
{
    private static readonly DateTimeOffset LockedForGood = DateTimeOffset.MaxValue;
    private readonly UserManager<ShopUser> users;
    private readonly IAuthorizationService authorization;
    private readonly AuditLog audit;
    private readonly IMediator mediator;
    private readonly TimeProvider time;

    public DetailModel(UserManager<ShopUser> users, IAuthorizationService authorization, AuditLog audit, IMediator mediator, TimeProvider time)
    {
        this.users = users;
        this.authorization = authorization;
        this.audit = audit;
        this.mediator = mediator;
        this.time = time;
    }

    public ShopUser Account { get; private set; } = null!;

    public IReadOnlyList<string> UserRoles { get; private set; } = [];

    public DateTimeOffset? LockedUntil { get; private set; }

    public bool CanChange { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRolesAsync(string id, string[] roles, CancellationToken cancellationToken) =>
        ChangeAsync(id, async user =>
        {
            var wanted = roles.Where(IndexModel.Roles.Contains).ToHashSet(StringComparer.Ordinal);
            if (user.Id == users.GetUserId(User) && !wanted.Contains(NexusRoles.Admin))
            {
                return "You cannot remove your own Admin role.";
            }

            var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
            var add = wanted.Except(current).ToList();
            var remove = current.Except(wanted).ToList();
            await users.AddToRolesAsync(user, add);
            await users.RemoveFromRolesAsync(user, remove);
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(User, "roles-changed", user, $"added: {string.Join(",", add)}; removed: {string.Join(",", remove)}", cancellationToken);
            return "Roles saved.";
        });

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async user =>
        {
            if (user.Id == users.GetUserId(User))
            {
                return "You cannot lock your own account.";
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, LockedForGood);
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(User, "locked", user, null, cancellationToken);
            return "Account locked; its sessions end within a minute.";
        });

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async user =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordAsync(User, "unlocked", user, null, cancellationToken);
            return "Account unlocked.";
        });

    public Task<IActionResult> OnPostForceResetAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async user =>
        {
            // The old password stops working at once: only the e-mailed link can set a new one.
            await users.RemovePasswordAsync(user);
            await users.UpdateSecurityStampAsync(user);
            await PasswordResetEmail.SendAsync(users, mediator, Request, user, EmailTemplates.ForcedPasswordReset, cancellationToken);
            await audit.RecordAsync(User, "password-reset-forced", user, null, cancellationToken);
            return "Password cleared; a link to choose a new one was e-mailed to the user.";
        });

    private async Task<IActionResult> ChangeAsync(string id, Func<ShopUser, Task<string>> change)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        Message = await change(user);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return false;
        }

        Account = user;
        UserRoles = [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)];
        LockedUntil = user.LockoutEnd > time.GetUtcNow() ? user.LockoutEnd : null;
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        return true;
    }
}
