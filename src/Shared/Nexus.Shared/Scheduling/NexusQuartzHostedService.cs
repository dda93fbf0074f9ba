using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Shared.Persistence;
using Npgsql;
using Quartz;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Quartz's hosted service, plus the one thing Quartz's schema provisioning does not do: on PostgreSQL
/// the tables live in their own <c>scheduling</c> schema (kept apart from the modules' EF tables), and
/// <c>SchemaProvisioning.CreateIfMissing</c> creates tables and indexes but never the schema itself.
/// </summary>
/// <remarks>
/// <see cref="QuartzHostedService.StartingAsync"/> is Quartz's documented hook that runs before any
/// scheduler is resolved, and it is the scheduler's start that provisions the tables, so creating the
/// schema here orders the two without depending on hosted-service registration order.
/// </remarks>
internal sealed partial class NexusQuartzHostedService(
    IHostApplicationLifetime applicationLifetime,
    IServiceProvider serviceProvider,
    IOptionsMonitor<QuartzHostedServiceOptions> options,
    DatabaseSettings database,
    ILogger<NexusQuartzHostedService> logger)
    : QuartzHostedService(applicationLifetime, serviceProvider, options)
{
    // duplicate_schema, and unique_violation on pg_namespace: CREATE SCHEMA IF NOT EXISTS is not atomic,
    // so a node that loses the race with another node starting at the same moment gets one of these.
    private static readonly HashSet<string> SchemaAlreadyCreatedStates = [PostgresErrorCodes.DuplicateSchema, PostgresErrorCodes.UniqueViolation];

    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await base.StartingAsync(cancellationToken);

        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {SchedulingServiceCollectionExtensions.PostgresSchema};";
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (SchemaAlreadyCreatedStates.Contains(exception.SqlState))
        {
            LogSchemaRace(logger, SchedulingServiceCollectionExtensions.PostgresSchema);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Schema {Schema} was created concurrently by another node")]
    private static partial void LogSchemaRace(ILogger logger, string schema);
}
