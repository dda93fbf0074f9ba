using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Features;
using Nexus.Modules.Identity.Features.ChangeRoles;
using Nexus.Modules.Identity.Features.ForcePasswordReset;
using Nexus.Modules.Identity.Features.LockAccount;
using Nexus.Modules.Identity.Features.UnlockAccount;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Identity.Pages.Admin.Users;

/// <summary>
/// One account for staff. Support reads; only Admins change roles, lock, unlock or force a password reset,
/// and every change goes to the audit log. Locking and forced resets renew the security stamp, which ends the
/// user's existing sessions at their next check.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class DetailModel : PageModel
{
    private readonly UserManager<ShopUser> users;
    private readonly IAuthorizationService authorization;
    private readonly IMediator mediator;
    private readonly TimeProvider time;
    private readonly SubAppLiveNotifier live;

    public DetailModel(UserManager<ShopUser> users, IAuthorizationService authorization, IMediator mediator, TimeProvider time, SubAppLiveNotifier live)
    {
        this.users = users;
        this.authorization = authorization;
        this.mediator = mediator;
        this.time = time;
        this.live = live;
    }

    public ShopUser Account { get; private set; } = null!;

    public IReadOnlyList<string> UserRoles { get; private set; } = [];

    public DateTimeOffset? LockedUntil { get; private set; }

    public bool CanChange { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRolesAsync(string id, string[] roles, CancellationToken cancellationToken) =>
        ChangeAsync(id, new ChangeRoles(id, roles.Where(IndexModel.Roles.Contains).ToHashSet(StringComparer.Ordinal), User), cancellationToken, endsSessions: true);

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, new LockAccount(id, User), cancellationToken, endsSessions: true);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, new UnlockAccount(id, User), cancellationToken);

    public Task<IActionResult> OnPostForceResetAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, new ForcePasswordReset(id, User), cancellationToken, async user =>
            // After the reset committed (see ForcePasswordResetHandler): the link's token comes from the saved stamp.
            await PasswordResetEmail.SendAsync(users, mediator, Request, user, EmailTemplates.ForcedPasswordReset, cancellationToken), endsSessions: true);

    /// <summary>The Admin check stays here (it decides the HTTP answer); the change itself is one command, one commit.</summary>
    /// <paramref name="endsSessions"/>: the change renews the security stamp; the user's open pages are told at once
    /// (live channel and sub-app streams, after the response) and re-check their session instead of waiting for it.
    private async Task<IActionResult> ChangeAsync(string id, ICommand<StaffChangeResult?> command, CancellationToken cancellationToken, Func<ShopUser, Task>? afterChange = null, bool endsSessions = false)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        if (await mediator.Send(command, cancellationToken) is not { } result)
        {
            return NotFound();
        }

        if (result.Changed && afterChange is not null && await users.FindByIdAsync(id) is { } user)
        {
            await afterChange(user);
        }

        if (result.Changed && endsSessions)
        {
            Response.OnCompleted(() => live.NotifySignedOutAsync(id, revoked: true));
        }

        Message = result.Message;
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
