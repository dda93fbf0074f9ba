using Nexus.Modules.Payments.Domain;

namespace Nexus.Modules.Payments.Provider;

/// <summary>A refund the provider made, and the intent after it.</summary>
internal sealed record ProviderRefundResult(ProviderRefundInfo Refund, ProviderSnapshot Intent);
