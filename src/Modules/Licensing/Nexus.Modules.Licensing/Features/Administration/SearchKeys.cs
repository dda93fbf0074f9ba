using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Features.Administration;

/// <summary>Back office: keys whose key, product, customer or order matches <paramref name="Text"/> (newest first, at most 50).</summary>
internal sealed record SearchKeys(string? Text) : IQuery<IReadOnlyList<KeySummary>>;
