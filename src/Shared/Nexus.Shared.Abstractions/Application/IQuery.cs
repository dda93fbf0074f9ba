using MediatR;

namespace Nexus.Shared.Abstractions.Application;

/// <summary>A request that only reads. Nothing is committed after it.</summary>
public interface IQuery<out TResult> : IRequest<TResult>;
