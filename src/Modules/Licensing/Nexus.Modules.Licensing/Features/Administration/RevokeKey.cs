using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Features.Administration;

/// <summary>Back office: the key stops working everywhere (refund, fraud). False when there is no such key.</summary>
internal sealed record RevokeKey(Guid KeyId) : ICommand<bool>;
