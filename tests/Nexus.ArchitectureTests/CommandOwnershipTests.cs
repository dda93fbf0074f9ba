using System.Reflection;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Persistence;

namespace Nexus.ArchitectureTests;

/// <summary>
/// The unit of work commits a command on the database of the module that handles it (ModuleDatabaseRegistry): every
/// command must have exactly one handler, in an assembly that registers exactly one module database.
/// </summary>
internal sealed class CommandOwnershipTests
{
    [Test]
    public void Every_command_maps_to_exactly_one_registered_module_database()
    {
        var commands = NexusAssemblies.All.SelectMany(NexusAssemblies.Types).Where(IsCommand).ToList();
        commands.Should().NotBeEmpty();

        Violations(commands, NexusAssemblies.Modules, RegisteredDatabases()).Should().BeEmpty();
    }

    [Test]
    public void The_rule_reports_a_command_without_a_handler_and_one_whose_handler_has_no_module_database()
    {
        // This assembly registers no module database: its handled command maps nowhere, and the unhandled one has no handler.
        var violations = Violations([typeof(OrphanCommand), typeof(UnhandledCommand)], [typeof(OrphanCommand).Assembly], RegisteredDatabases());

        violations.Should().HaveCount(2);
        violations.Should().Contain(v => v.Contains(nameof(OrphanCommand), StringComparison.Ordinal) && v.Contains("no registered module database", StringComparison.Ordinal));
        violations.Should().Contain(v => v.Contains(nameof(UnhandledCommand), StringComparison.Ordinal) && v.Contains("0 handlers", StringComparison.Ordinal));
    }

    private static List<string> Violations(IEnumerable<Type> commands, IEnumerable<Assembly> handlerAssemblies, ModuleDatabaseRegistry registry)
    {
        var handlers = handlerAssemblies.SelectMany(NexusAssemblies.Types)
            .Where(t => t.IsClass && !t.IsAbstract)
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
                .Select(i => (Request: i.GetGenericArguments()[0], Handler: t)))
            .ToLookup(x => x.Request, x => x.Handler);
        var violations = new List<string>();
        foreach (var command in commands)
        {
            var handledBy = handlers[command].Distinct().ToList();
            if (handledBy.Count != 1)
            {
                violations.Add($"{command.FullName} has {handledBy.Count} handlers");
            }
            else if (registry.ForHandler(handledBy[0]) is null)
            {
                violations.Add($"{command.FullName} is handled in {handledBy[0].Assembly.GetName().Name}, which has no registered module database");
            }
        }

        return violations;
    }

    /// <summary>
    /// The module databases the modules register, through their own <c>Add&lt;Name&gt;Module</c> as a host calls it
    /// (the registry refuses two in one assembly while it is built).
    /// </summary>
    private static ModuleDatabaseRegistry RegisteredDatabases()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        var entryPoints = NexusAssemblies.Modules.SelectMany(NexusAssemblies.Types)
            .Where(t => t.IsVisible && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Module", StringComparison.Ordinal))
            .Select(t => t.GetMethod($"Add{t.Name}", [typeof(IServiceCollection), typeof(IConfiguration)]))
            .OfType<MethodInfo>()
            .ToList();
        entryPoints.Should().HaveCount(NexusAssemblies.Modules.Count(), "every module has an Add<Name>Module(services, configuration)");
        foreach (var add in entryPoints)
        {
            add.Invoke(null, [services, configuration]);
        }

        return new ModuleDatabaseRegistry(services.Where(d => d.ServiceType == typeof(ModuleDatabase)).Select(d => (ModuleDatabase)d.ImplementationInstance!));
    }

    private static bool IsCommand(Type type) => type is { IsClass: true, IsAbstract: false } && typeof(ICommandMarker).IsAssignableFrom(type);

    internal sealed record OrphanCommand : ICommand<int>;

    internal sealed record UnhandledCommand : ICommand<int>;

    internal sealed class OrphanCommandHandler : IRequestHandler<OrphanCommand, int>
    {
        public Task<int> Handle(OrphanCommand request, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
