using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Catalog.Data.Migrations;

/// <summary>The catalog's outbox and inbox for integration events: the shared step (docs/decisions/0007).</summary>
[DbContext(typeof(CatalogDbContext))]
[Migration("202611220400_AddEventTables")]
internal sealed class M202611220400_AddEventTables : AddEventTablesMigration
{
    public M202611220400_AddEventTables()
        : base(CatalogDbContext.SchemaName)
    {
    }
}
