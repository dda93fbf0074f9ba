using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Features.RegisterAccount;

/// <summary>
/// The user and their Customer role in one commit (before, a failure between the two left an account without a
/// role). The confirmation e-mail is sent by the page once this committed.
/// </summary>
internal sealed class RegisterAccountHandler : IRequestHandler<RegisterAccount, RegisterAccountResult>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;
    private readonly TimeProvider time;

    public RegisterAccountHandler(UserManager<ShopUser> users, IdentityStoreSaves saves, TimeProvider time)
    {
        this.users = users;
        this.saves = saves;
        this.time = time;
    }

    public async Task<RegisterAccountResult> Handle(RegisterAccount request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = new ShopUser { UserName = request.Email, Email = request.Email, CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            saves.Discard();
            return new RegisterAccountResult(null, [.. created.Errors]);
        }

        IdentityCommandResults.ThrowIfFailed(await users.AddToRoleAsync(user, NexusRoles.Customer), "make the new account a Customer");
        return new RegisterAccountResult(user, []);
    }
}
