using Nexus.Shared.Persistence;

namespace Nexus.UnitTests.Shared;

internal sealed class ModuleDatabaseRegistryTests
{
    [Test]
    public void A_request_belongs_to_the_module_whose_namespace_holds_it_including_its_contracts()
    {
        var catalog = new ModuleDatabase("Catalog", "catalog", typeof(object), "Nexus.Modules.Catalog");
        var registry = new ModuleDatabaseRegistry([catalog, new ModuleDatabase("Cat", "cat", typeof(string), "Nexus.Modules.Cat")]);

        registry.ForRequest(typeof(Nexus.Modules.Catalog.Contracts.Products.GetProductSnapshots)).Should().Be(catalog);
        registry.ForRequest(typeof(string)).Should().BeNull();
    }
}
