using System.Collections.Concurrent;
using System.Reflection;

namespace Nexus.Shared.Persistence;

/// <summary>
/// Every module database registered in this process, in registration order, and which one commits a command.
/// </summary>
/// <remarks>
/// A command belongs to the module that handles it: its handler's assembly declares exactly one module database
/// (checked here when the registry is built), wherever the command itself is declared — a module's own
/// <c>Features/</c> or its Contracts, which other modules send. Once: a command type's database is looked up from its
/// handler the first time it runs and kept, so the unit of work pays a dictionary lookup per command, no reflection.
/// Replaces matching the command's namespace against the context's, a convention nothing checked; the architecture
/// tests check that every command maps to exactly one database (Nexus.ArchitectureTests/CommandOwnershipTests).
/// </remarks>
public sealed class ModuleDatabaseRegistry
{
    private readonly IReadOnlyList<ModuleDatabase> databases;
    private readonly Dictionary<Assembly, ModuleDatabase> byAssembly = [];
    private readonly ConcurrentDictionary<Type, ModuleDatabase> byCommand = new();

    public ModuleDatabaseRegistry(IEnumerable<ModuleDatabase> databases)
    {
        this.databases = databases.ToList();
        foreach (var database in this.databases)
        {
            if (!byAssembly.TryAdd(database.ModuleAssembly, database))
            {
                throw new InvalidOperationException(
                    $"{database.ModuleAssembly.GetName().Name} declares two module databases ({byAssembly[database.ModuleAssembly].ContextType.Name} and "
                    + $"{database.ContextType.Name}), so the unit of work could not tell which one commits its commands; a module assembly holds exactly one.");
            }
        }
    }

    public IReadOnlyList<ModuleDatabase> All => databases;

    /// <summary>The database of the module whose assembly declares <paramref name="handlerType"/> (null: none).</summary>
    public ModuleDatabase? ForHandler(Type handlerType)
    {
        ArgumentNullException.ThrowIfNull(handlerType);
        return byAssembly.GetValueOrDefault(handlerType.Assembly);
    }

    /// <summary>
    /// The database that commits <paramref name="commandType"/>: its handler's module's. The handler is resolved as
    /// <paramref name="handlerServiceType"/> from <paramref name="scope"/> the first time only.
    /// </summary>
    public ModuleDatabase ForCommand(Type commandType, IServiceProvider scope, Type handlerServiceType)
    {
        ArgumentNullException.ThrowIfNull(commandType);
        return byCommand.TryGetValue(commandType, out var database)
            ? database
            : byCommand.GetOrAdd(commandType, Resolve(commandType, scope, handlerServiceType));
    }

    private ModuleDatabase Resolve(Type commandType, IServiceProvider scope, Type handlerServiceType)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var handler = scope.GetService(handlerServiceType)
            ?? throw new InvalidOperationException($"Command {commandType.FullName} has no handler registered.");
        return ForHandler(handler.GetType())
            ?? throw new InvalidOperationException(
                $"Command {commandType.FullName} is handled by {handler.GetType().FullName}, whose assembly registers no module database to commit it.");
    }
}
