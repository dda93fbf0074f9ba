using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nexus.Shared.Modules;

public static class ModuleComposition
{
    /// <summary>
    /// Adds the enabled modules' services and pages. MVC would otherwise discover every referenced Razor
    /// assembly by itself; its parts are reset to the host plus the enabled modules, so a module switched
    /// off by <c>Modules:&lt;Name&gt;:Enabled=false</c> serves no page at all.
    /// </summary>
    public static EnabledModules AddNexusModules(
        this IServiceCollection services,
        IConfiguration configuration,
        IMvcBuilder mvc,
        IEnumerable<ModuleDefinition> modules)
    {
        ArgumentNullException.ThrowIfNull(mvc);
        var enabled = modules.Where(m => configuration.GetValue($"Modules:{m.Name}:Enabled", defaultValue: true)).ToList();
        var moduleAssemblies = modules.Select(m => m.Assembly).ToHashSet();

        mvc.ConfigureApplicationPartManager(manager =>
        {
            foreach (var part in manager.ApplicationParts.OfType<AssemblyPart>().Where(p => moduleAssemblies.Contains(p.Assembly)).ToList())
            {
                manager.ApplicationParts.Remove(part);
            }

            foreach (var part in manager.ApplicationParts.OfType<CompiledRazorAssemblyPart>().Where(p => moduleAssemblies.Contains(p.Assembly)).ToList())
            {
                manager.ApplicationParts.Remove(part);
            }
        });

        foreach (var module in enabled)
        {
            mvc.AddApplicationPart(module.Assembly);
            module.Add(services, configuration);
        }

        var result = new EnabledModules(enabled);
        services.AddSingleton(result);
        return result;
    }

    public static void MapNexusModules(this IEndpointRouteBuilder endpoints, EnabledModules modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules.Modules)
        {
            module.Map(endpoints);
        }
    }
}
