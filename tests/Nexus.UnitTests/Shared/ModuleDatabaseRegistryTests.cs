using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Persistence;

namespace Nexus.UnitTests.Shared;

internal sealed class ModuleDatabaseRegistryTests
{
    [Test]
    public void A_command_belongs_to_the_module_database_declared_by_its_handlers_assembly_wherever_the_command_is_declared()
    {
        // The command lives in another assembly (as Contracts commands do); its handler's assembly decides.
        var here = new ModuleDatabase("Here", "here", typeof(object), typeof(ModuleDatabaseRegistryTests).Assembly);
        var registry = new ModuleDatabaseRegistry([here, new ModuleDatabase("Framework", "framework", typeof(string), typeof(string).Assembly)]);
        using var services = new ServiceCollection().AddSingleton<IComparable, FakeHandler>().BuildServiceProvider();

        registry.ForCommand(typeof(Nexus.Modules.Catalog.Contracts.Products.GetProductSnapshots), services, typeof(IComparable)).Should().Be(here);
        registry.ForHandler(typeof(FakeHandler)).Should().Be(here);
        registry.ForHandler(typeof(FluentAssertions.AssertionOptions)).Should().BeNull();
    }

    [Test]
    public void A_command_whose_handler_no_module_database_claims_fails_with_its_name()
    {
        var registry = new ModuleDatabaseRegistry([new ModuleDatabase("Framework", "framework", typeof(string), typeof(string).Assembly)]);
        using var services = new ServiceCollection().AddSingleton<IComparable, FakeHandler>().BuildServiceProvider();

        var act = () => registry.ForCommand(typeof(FakeHandler), services, typeof(IComparable));
        act.Should().Throw<InvalidOperationException>().WithMessage("*FakeHandler*registers no module database*");
        var noHandler = () => registry.ForCommand(typeof(FakeHandler), services, typeof(IFormattable));
        noHandler.Should().Throw<InvalidOperationException>().WithMessage("*has no handler registered*");
    }

    [Test]
    public void Two_module_databases_in_one_assembly_are_refused_because_their_commands_would_be_ambiguous()
    {
        var assembly = typeof(ModuleDatabaseRegistryTests).Assembly;
        var act = () => new ModuleDatabaseRegistry([new ModuleDatabase("A", "a", typeof(object), assembly), new ModuleDatabase("B", "b", typeof(string), assembly)]);
        act.Should().Throw<InvalidOperationException>().WithMessage("*declares two module databases*");
    }

    private sealed class FakeHandler : IComparable
    {
        public int CompareTo(object? obj) => 0;
    }
}
