using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Notifications.Data.Migrations;

/// <summary>The module's outbox and inbox for integration events: the shared step (docs/decisions/0007).</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("202611220700_AddEventTables")]
internal sealed class M202611220700_AddEventTables : AddEventTablesMigration
{
    public M202611220700_AddEventTables()
        : base(NotificationsDbContext.SchemaName)
    {
    }
}
