using MediatR;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.ReconfirmPassword;

internal sealed class ReconfirmPasswordHandler : IRequestHandler<ReconfirmPassword, PasswordReconfirmation>
{
    private readonly UserManager<ShopUser> users;
    private readonly IdentityStoreSaves saves;

    public ReconfirmPasswordHandler(UserManager<ShopUser> users, IdentityStoreSaves saves)
    {
        this.users = users;
        this.saves = saves;
    }

    public async Task<PasswordReconfirmation> Handle(ReconfirmPassword request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deferred = saves.Defer();
        var user = await users.FindByIdAsync(request.UserId) ?? throw new InvalidOperationException($"No user {request.UserId}.");
        return await PasswordReconfirmations.CheckAsync(users, user, request.Password);
    }
}
