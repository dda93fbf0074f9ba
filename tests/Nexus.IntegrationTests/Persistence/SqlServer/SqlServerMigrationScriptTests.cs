using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Testing.Events;

namespace Nexus.IntegrationTests.Persistence.SqlServer;

/// <summary>
/// No SQL Server can run where Nexus is built, so the SQL Server provider is checked by what it would send: the
/// script each module's migrations generate, and the event rows' INSERT statement, held against approved copies
/// (<c>SqlServerMigrationScriptTests.&lt;Module&gt;.verified.txt</c>) that were read as T-SQL for SQL Server 2019+.
/// A change to a migration, to the naming or to the provider shows up here as a diff to read and approve.
/// </summary>
internal sealed class SqlServerMigrationScriptTests
{
    [Test]
    public void Each_modules_migration_script_is_the_approved_one()
    {
        SqlServerContexts.Modules.Should().NotBeEmpty();
        Assert.Multiple(() =>
        {
            foreach (var module in SqlServerContexts.Modules)
            {
                using var context = SqlServerContexts.Create(module);
                var script = context.GetService<IMigrator>().GenerateScript();
                script.Should().Contain($"CREATE TABLE [{module.Schema}].", "every module creates its tables in its own schema");
                Approvals.Verify(script, name: module.ModuleName);
            }
        });
    }

    /// <summary>
    /// The statement is the same in every module's schema, so it is approved once, on the test kit's probe module
    /// (a module context with nothing but the event tables' shape to speak of): adding a module changes nothing here.
    /// </summary>
    [Test]
    public void The_event_rows_insert_statement_is_the_approved_one()
    {
        using var context = SqlServerContexts.Create(ProbeModule);
        Approvals.Verify(
            EventRowWriter.InsertStatement<OutboxMessage>(context, 2) + "\n" + EventRowWriter.InsertStatement<InboxMessage>(context, 2));
    }

    [Test]
    public void A_full_event_rows_statement_stays_within_sql_servers_limits()
    {
        using var context = SqlServerContexts.Create(ProbeModule);
        foreach (var statement in new[] { EventRowWriter.InsertStatement<OutboxMessage>(context, int.MaxValue), EventRowWriter.InsertStatement<InboxMessage>(context, int.MaxValue) })
        {
            var rows = statement.Split("), (").Length;
            var parameters = statement.Split("@e").Length - 1;
            rows.Should().BeInRange(2, 1000, "a VALUES list holds at most 1,000 rows on SQL Server");
            parameters.Should().BeLessThanOrEqualTo(2100, "SQL Server takes at most 2,100 parameters per command");
        }
    }

    private static ModuleDatabase ProbeModule => new("Probe", ProbeDbContext.SchemaName, typeof(ProbeDbContext), typeof(ProbeDbContext).Assembly);
}
