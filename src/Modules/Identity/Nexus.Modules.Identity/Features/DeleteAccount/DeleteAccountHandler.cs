using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Contracts.Events;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Identity.Features.DeleteAccount;

/// <summary>
/// Deletes the user and publishes <see cref="UserAccountDeleted"/>: the unit of work commits the deletion and the
/// event's outbox row together, so other modules forget the user if and only if the account is really gone
/// (before, they were told in process first and their data was lost even when the deletion then failed).
/// </summary>
internal sealed class DeleteAccountHandler : IRequestHandler<DeleteAccount, DeleteAccountOutcome>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;
    private readonly IIntegrationEventPublisher events;

    public DeleteAccountHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, IIntegrationEventPublisher events)
    {
        this.users = users;
        this.saves = saves;
        this.events = events;
    }

    public async Task<DeleteAccountOutcome> Handle(DeleteAccount request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId);
        if (user is null)
        {
            return DeleteAccountOutcome.NoSuchUser;
        }

        switch (await PasswordReconfirmations.CheckAsync(users, user, request.Password))
        {
            case PasswordReconfirmation.WrongPassword:
                return DeleteAccountOutcome.WrongPassword;
            case PasswordReconfirmation.LockedOut:
                return DeleteAccountOutcome.LockedOut;
        }

        if (await LastAdministrator.IsAsync(users, user))
        {
            return DeleteAccountOutcome.LastAdministrator;
        }

        if (!(await users.DeleteAsync(user)).Succeeded)
        {
            saves.Discard();
            return DeleteAccountOutcome.Failed;
        }

        events.Publish(new UserAccountDeleted(user.Id));
        return DeleteAccountOutcome.Deleted;
    }
}
