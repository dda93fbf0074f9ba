using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Messaging;

/// <summary>
/// The enclosing command's staging state, put aside while a nested command runs (<see cref="IntegrationEventPublisher"/>):
/// its pending events, its module database and how deep the new frame is. A struct, so a command allocates nothing for it.
/// </summary>
internal readonly record struct StagingFrame(List<IntegrationEvent>? Pending, ModuleDatabase? Module, int Depth);
