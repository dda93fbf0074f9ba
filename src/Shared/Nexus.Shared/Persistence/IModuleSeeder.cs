namespace Nexus.Shared.Persistence;

/// <summary>Puts a module's demo data in place after migrations, when <c>Nexus:SeedDemoData</c> is on. Must be idempotent.</summary>
public interface IModuleSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
