using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// MediatR 5.1.0 with the pipeline in this order: logging (outermost, so it times everything),
    /// validation, unit of work (innermost, so only valid, successful commands commit).
    /// </summary>
    public static IServiceCollection AddNexusApplication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<ServiceFactory>(provider => provider.GetService!);
        services.TryAddScoped<IMediator, Mediator>();
        services.TryAddSingleton<ModuleDatabaseRegistry>();
        if (!services.Any(d => d.ServiceType == typeof(IPipelineBehavior<,>)))
        {
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
            services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));
        }

        return services;
    }

    /// <summary>
    /// Registers a module's request handlers and notification handlers, and its validators through FluentValidation's
    /// own registration (internal ones included): the commands' validators that the validation behaviour runs, and
    /// the page models' validators that only feed the browser's checks (client-side adapters).
    /// </summary>
    public static IServiceCollection AddModuleHandlers(this IServiceCollection services, Assembly moduleAssembly)
    {
        services.Scan(scan => scan
            .FromAssemblies(moduleAssembly)
            .AddClasses(classes => classes.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());
        services.AddValidatorsFromAssembly(moduleAssembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }

    /// <summary>
    /// Lets the module queue work on <typeparamref name="TContext"/> that runs only after its changes commit
    /// (<see cref="AfterCommit"/>); call after <c>AddModuleDbContext</c>.
    /// </summary>
    public static IServiceCollection AddAfterCommit<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.TryAddSingleton<AfterCommit>();
        // One interceptor instance for every context, so EF keeps one internal service provider.
        services.ConfigureDbContext<TContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<AfterCommit>()));
        return services;
    }
}
