using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Features.Administration;

/// <summary>Back office: frees every device slot of a key. False when there is no such key.</summary>
internal sealed record ResetActivations(Guid KeyId) : ICommand<bool>;
