using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features.RegisterAccount;

/// <summary>The new account, or why none was opened (password rules, or an address taken meanwhile).</summary>
internal sealed record RegisterAccountResult(ShopUser? User, IReadOnlyList<IdentityError> Errors);
