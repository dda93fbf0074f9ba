namespace Nexus.Shared.Modules;

/// <summary>The modules switched on in this process, in composition order.</summary>
public sealed class EnabledModules
{
    public EnabledModules(IReadOnlyList<ModuleDefinition> modules) => Modules = modules;

    public IReadOnlyList<ModuleDefinition> Modules { get; }

    public bool IsEnabled(string name) => Modules.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
