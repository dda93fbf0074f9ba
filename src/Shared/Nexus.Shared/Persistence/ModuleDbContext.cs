using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Messaging;

namespace Nexus.Shared.Persistence;

/// <summary>
/// Base for every module's DbContext: applies the module's naming (schema or prefix) and keeps all
/// <see cref="DateTime"/> values in UTC, so queries stay provider-neutral.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    protected ModuleDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The module's schema name, lower case (e.g. <c>catalog</c>).</summary>
    protected abstract string Schema { get; }

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var naming = new ModuleNaming(Database.ProviderName, Schema);
        if (naming.Schema is not null)
        {
            modelBuilder.HasDefaultSchema(naming.Schema);
        }

        ConfigureModel(modelBuilder, naming);
        // Every module can publish and consume integration events: its outbox and inbox live beside its tables.
        EventStorage.ConfigureModel(modelBuilder);

        // Table names are given unprefixed in the configurations; the prefix is applied here, once.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && naming.IsSqlite && !table.StartsWith(Schema + "_", StringComparison.Ordinal))
            {
                entity.SetTableName(naming.Table(table));
            }
        }
    }

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    protected abstract void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
