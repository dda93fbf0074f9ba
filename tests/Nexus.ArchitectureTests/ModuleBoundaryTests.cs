using System.Reflection;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Nexus.ArchitectureTests;

/// <summary>
/// The modular monolith's rules, checked on the compiled assemblies with reflection (NetArchTest is not
/// available here). The compiler drops unused references, so these are the references code really uses.
/// </summary>
internal sealed class ModuleBoundaryTests
{
    private static IEnumerable<Assembly> Modules => NexusAssemblies.Modules;

    private static IEnumerable<Assembly> Contracts => NexusAssemblies.Contracts;

    [Test]
    public void The_solution_has_modules_to_check()
    {
        Modules.Should().NotBeEmpty();
        Contracts.Should().NotBeEmpty();
    }

    [Test]
    public void A_module_references_other_modules_only_through_their_contracts()
    {
        var violations = new List<string>();
        foreach (var module in Modules)
        {
            var own = ModuleName(module.GetName().Name!);
            foreach (var reference in module.GetReferencedAssemblies().Select(r => r.Name!))
            {
                if (reference.StartsWith("Nexus.Modules.", StringComparison.Ordinal)
                    && ModuleName(reference) != own
                    && !reference.EndsWith(".Contracts", StringComparison.Ordinal))
                {
                    violations.Add($"{module.GetName().Name} -> {reference}");
                }

                if (reference.StartsWith("Nexus.Host", StringComparison.Ordinal))
                {
                    violations.Add($"{module.GetName().Name} -> {reference} (modules never reference a host)");
                }
            }
        }

        violations.Should().BeEmpty();
    }

    [Test]
    public void Contracts_reference_only_shared_abstractions_and_the_framework()
    {
        var violations = Contracts
            .SelectMany(c => c.GetReferencedAssemblies().Select(r => (Contract: c.GetName().Name!, Reference: r.Name!)))
            .Where(x => x.Reference.StartsWith("Nexus.", StringComparison.Ordinal) && x.Reference != "Nexus.Shared.Abstractions")
            .Select(x => $"{x.Contract} -> {x.Reference}")
            .ToList();
        violations.Should().BeEmpty();
    }

    [Test]
    public void Shared_building_blocks_know_no_module()
    {
        var shared = NexusAssemblies.All.Where(a => a.GetName().Name!.StartsWith("Nexus.Shared", StringComparison.Ordinal));
        shared.SelectMany(a => a.GetReferencedAssemblies()).Select(r => r.Name!)
            .Should().NotContain(n => n.StartsWith("Nexus.Modules.", StringComparison.Ordinal) || n.StartsWith("Nexus.Host", StringComparison.Ordinal));
    }

    [Test]
    public void Request_and_notification_handlers_are_not_public()
    {
        var handlerInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>) };
        var publicHandlers = Modules.SelectMany(SafeTypes)
            .Where(t => t.IsClass && !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            .Where(t => t.IsVisible)
            .Select(t => t.FullName)
            .ToList();
        publicHandlers.Should().BeEmpty();
    }

    [Test]
    public void DbContexts_are_not_public()
    {
        var dbContexts = Modules.SelectMany(SafeTypes).Where(t => typeof(DbContext).IsAssignableFrom(t)).ToList();
        dbContexts.Should().NotBeEmpty();
        dbContexts.Where(t => t.IsVisible).Select(t => t.FullName).Should().BeEmpty();
    }

    [Test]
    public void DbContexts_take_only_their_options_because_they_are_pooled()
    {
        // Module contexts are registered with AddDbContextPool (PersistenceServiceCollectionExtensions): one instance
        // serves many scopes, so a constructor dependency would be resolved once and outlive its scope, and a context
        // with any other constructor fails only when it is first resolved at run time. This makes it a build failure.
        var dbContexts = Modules.SelectMany(SafeTypes).Where(t => typeof(DbContext).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        dbContexts.Should().NotBeEmpty();
        var offenders = dbContexts
            .Where(t => t.GetConstructors() is not [var only]
                || only.GetParameters() is not [var parameter]
                || !typeof(DbContextOptions).IsAssignableFrom(parameter.ParameterType))
            .Select(t => t.FullName)
            .ToList();
        offenders.Should().BeEmpty("a pooled context has one public constructor, taking its DbContextOptions only");
    }

    [Test]
    public void A_module_exposes_only_its_composition_entry_point()
    {
        // One public face: Contracts for other modules, Add/Map for the host. Everything else is internal.
        var publicTypes = Modules.SelectMany(SafeTypes).Where(t => t.IsVisible && !IsCompilerGenerated(t)).Select(t => t.FullName!).ToList();
        publicTypes.Should().OnlyContain(name => name.EndsWith("Module", StringComparison.Ordinal), "only the <Name>Module class is public");
    }

    [Test]
    public void Module_classes_are_sealed_or_static_unless_meant_for_inheritance()
    {
        var unsealed = NexusAssemblies.All.Where(a => a.GetName().Name!.StartsWith("Nexus.Modules.", StringComparison.Ordinal))
            .SelectMany(SafeTypes)
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsSealed && !IsCompilerGenerated(t) && !t.Name.StartsWith("Pages_", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();
        unsealed.Should().BeEmpty();
    }

    private static string ModuleName(string assemblyName) => assemblyName.Split('.')[2];

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false) || type.Name.Contains('<', StringComparison.Ordinal);

    private static IEnumerable<Type> SafeTypes(Assembly assembly) => NexusAssemblies.Types(assembly);
}
