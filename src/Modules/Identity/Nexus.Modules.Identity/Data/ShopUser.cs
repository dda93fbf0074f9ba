using Microsoft.AspNetCore.Identity;

namespace Nexus.Modules.Identity.Data;

/// <summary>A person who signs in to the shop: a customer or a member of staff.</summary>
internal sealed class ShopUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}
