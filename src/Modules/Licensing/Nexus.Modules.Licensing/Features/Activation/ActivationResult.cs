using Nexus.Modules.Licensing.Domain;

namespace Nexus.Modules.Licensing.Features.Activation;

internal sealed record ActivationResult(ActivationOutcome Outcome, Guid KeyId, int ActiveDevices, int MaxActivations, bool Changed);
