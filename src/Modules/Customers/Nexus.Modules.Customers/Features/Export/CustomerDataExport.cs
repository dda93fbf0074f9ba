using Nexus.Modules.Customers.Features.Profile;
using Nexus.Modules.Customers.Features.Wishlist;
using Nexus.Modules.Identity.Contracts;

namespace Nexus.Modules.Customers.Features.Export;

/// <summary>The JSON document a shopper downloads. Later modules (orders, licenses) add their sections.</summary>
internal sealed record CustomerDataExport(
    DateTime ExportedAt,
    UserAccount? Account,
    ProfileView Profile,
    IReadOnlyList<ExportedAddress> Addresses,
    IReadOnlyList<WishlistLine> Wishlist);
