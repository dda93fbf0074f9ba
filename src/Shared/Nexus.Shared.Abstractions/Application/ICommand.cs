using MediatR;

namespace Nexus.Shared.Abstractions.Application;

/// <summary>
/// A request that changes state. The unit-of-work behaviour commits the owning module's changes once,
/// after the handler returns; handlers never call SaveChanges themselves.
/// </summary>
public interface ICommand<out TResult> : IRequest<TResult>, ICommandMarker;
