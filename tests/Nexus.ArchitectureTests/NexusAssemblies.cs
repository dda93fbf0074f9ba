using System.Reflection;

namespace Nexus.ArchitectureTests;

/// <summary>The solution's compiled assemblies (test projects and test helpers left out) and their types, for the rule tests.</summary>
internal static class NexusAssemblies
{
    public static Assembly[] All { get; } = Load();

    /// <summary>Module assemblies (Nexus.Modules.&lt;Name&gt;, not their Contracts).</summary>
    public static IEnumerable<Assembly> Modules => All.Where(a => IsModule(a.GetName().Name!));

    public static IEnumerable<Assembly> Contracts => All.Where(a => a.GetName().Name!.StartsWith("Nexus.Modules.", StringComparison.Ordinal) && a.GetName().Name!.EndsWith(".Contracts", StringComparison.Ordinal));

    public static bool IsModule(string name) =>
        name.StartsWith("Nexus.Modules.", StringComparison.Ordinal) && !name.EndsWith(".Contracts", StringComparison.Ordinal);

    public static IEnumerable<Type> Types(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }

    private static Assembly[] Load()
    {
        var folder = AppContext.BaseDirectory;
        return Directory.GetFiles(folder, "Nexus.*.dll")
            .Where(f => !Path.GetFileName(f).Contains("Tests", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("Nexus.Testing", StringComparison.Ordinal))
            .Select(Assembly.LoadFrom)
            .ToArray();
    }
}
