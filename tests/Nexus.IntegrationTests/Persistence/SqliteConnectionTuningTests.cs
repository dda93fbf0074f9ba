using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Persistence;

/// <summary>
/// The per-connection pragma is sent once per SQLite handle, not on every open (SqliteConnectionTuning): a handle the
/// pool hands out again must still have it.
/// </summary>
internal sealed class SqliteConnectionTuningTests
{
    [Test]
    public async Task A_pooled_handle_opened_again_keeps_its_synchronous_setting()
    {
        using var host = new NexusHostFactory().WithProbe(consume: false);
        _ = host.Server;
        var handles = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 5; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            await context.Database.OpenConnectionAsync();
            try
            {
                var connection = (SqliteConnection)context.Database.GetDbConnection();
                handles.Add(connection.Handle!);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA synchronous;";
                // 1 = NORMAL (SQLite's default for a new handle is 2 = FULL).
                Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(1);
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }
        }

        handles.Count.Should().BeLessThan(5, "the pool hands the same handle out again, which is the case this guards");
    }
}
