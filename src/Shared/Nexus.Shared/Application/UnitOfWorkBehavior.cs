using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Application;

/// <summary>
/// Commits a command's changes once, after its handler succeeds, on the DbContext of the module that owns
/// the command. A failing handler leaves nothing behind: the context is scoped and simply not saved.
/// </summary>
internal sealed class UnitOfWorkBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IServiceProvider services;
    private readonly ModuleDatabaseRegistry registry;

    public UnitOfWorkBehavior(IServiceProvider services, ModuleDatabaseRegistry registry)
    {
        this.services = services;
        this.registry = registry;
    }

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not ICommandMarker)
        {
            return await next();
        }

        var response = await next();
        var database = registry.ForRequest(typeof(TRequest))
            ?? throw new InvalidOperationException($"Command {typeof(TRequest).FullName} belongs to no registered module database.");
        var context = (DbContext)services.GetService(database.ContextType)!;
        await context.SaveChangesAsync(cancellationToken);
        return response;
    }
}
