using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Application;

/// <summary>
/// Commits a command's changes once, after its handler succeeds, on the DbContext of the module that handles
/// the command — together with the integration events it published (the module's outbox), so an event is
/// recorded if and only if the change is. A failing handler leaves nothing behind: the context is scoped and
/// simply not saved. After a commit that wrote events, the relay is woken.
/// </summary>
/// <remarks>
/// Each command stages its events in its own frame of the scope's publisher, so a command that sends another
/// module's command (through <c>IMediator.Send</c>, in the same scope) does not hand its events to the inner module: the
/// inner command commits its change with its own events in its own outbox; the outer command's events are written
/// with the outer change, or not at all if it fails (docs/architecture.md, "Commands that send commands"). A command
/// sent by a command of the same module joins the outer unit of work: one commit for both, as one DbContext holds
/// both changes.
/// </remarks>
internal sealed class UnitOfWorkBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IServiceProvider services;
    private readonly ModuleDatabaseRegistry registry;
    private readonly OutboxSignal outboxSignal;
    private readonly TimeProvider clock;

    public UnitOfWorkBehavior(IServiceProvider services, ModuleDatabaseRegistry registry, OutboxSignal outboxSignal, TimeProvider clock)
    {
        this.services = services;
        this.registry = registry;
        this.outboxSignal = outboxSignal;
        this.clock = clock;
    }

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        // Queries pass straight through, without an async frame of their own.
        return request is ICommandMarker ? CommitAsync(cancellationToken, next) : next();
    }

    private async Task<TResponse> CommitAsync(CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // The module whose assembly handles the command (ModuleDatabaseRegistry), looked up once per command type.
        var database = registry.ForCommand(typeof(TRequest), services, Handler.ServiceType);
        var publisher = (IntegrationEventPublisher)services.GetService(typeof(IIntegrationEventPublisher))!;
        if (ReferenceEquals(publisher.CurrentModule, database))
        {
            return await next();
        }

        var outer = publisher.BeginCommand(database);
        try
        {
            var response = await next();
            var context = (DbContext)services.GetService(database.ContextType)!;
            var staged = await publisher.SaveChangesAsync(context, [], clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (staged > 0)
            {
                outboxSignal.Notify(database.ModuleName);
            }

            return response;
        }
        finally
        {
            publisher.EndCommand(outer);
        }
    }

    /// <summary>The command's handler service, built once per command type (only commands get here, so only they pay).</summary>
    private static class Handler
    {
        public static readonly Type ServiceType = typeof(IRequestHandler<,>).MakeGenericType(typeof(TRequest), typeof(TResponse));
    }
}
