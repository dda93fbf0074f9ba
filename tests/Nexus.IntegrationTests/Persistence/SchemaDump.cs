using System.Data.Common;
using Microsoft.Data.Sqlite;
using Nexus.Shared.Persistence;
using Npgsql;

namespace Nexus.IntegrationTests.Persistence;

/// <summary>
/// A module's tables as the database itself describes them (columns, types, nullability, keys, indexes,
/// foreign keys), as sorted text lines, so two schemas can be compared line by line.
/// </summary>
internal static class SchemaDump
{
    public static async Task<IReadOnlyList<string>> OfModuleAsync(DatabaseSettings database, string schema)
    {
        return database.Provider == DatabaseProvider.Sqlite
            ? await SqliteAsync(database.ConnectionString, schema)
            : await PostgresAsync(database.ConnectionString, schema);
    }

    private static async Task<IReadOnlyList<string>> SqliteAsync(string connectionString, string schema)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        // Ordinary tables only: a full-text index (an FTS5 virtual table and its shadow tables, made by a migration's
        // SQL) has no place in an EF model, so it is checked by the tests of the search that uses it instead.
        var tables = await QueryAsync(connection, $"SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name LIKE '{schema}\\_%' ESCAPE '\\' AND name NOT LIKE '%\\_\\_ef\\_migrations' ESCAPE '\\'", r => r.GetString(0));
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            lines.AddRange(await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")", r => $"column {table}.{r.GetString(1)} {r.GetString(2)} notnull={r.GetInt64(3)} pk={r.GetInt64(5)}"));
            lines.AddRange(await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")", r => $"fk {table}.{r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)}"));
            var indexes = await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")", r => (Name: r.GetString(1), Unique: r.GetInt64(2), Origin: r.GetString(3)));
            foreach (var index in indexes.Where(i => i.Origin == "c"))
            {
                var columns = await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => r.GetString(2));
                lines.Add($"index {index.Name} on {table}({string.Join(',', columns)}) unique={index.Unique}");
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<string>> PostgresAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection,
            $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}' AND table_name <> '__ef_migrations'",
            r => $"table {r.GetString(0)}"));
        lines.AddRange(await QueryAsync(connection,
            $"""
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length, -1), is_nullable, coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name <> '__ef_migrations'
            """,
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}({r.GetInt32(3)}) nullable={r.GetString(4)} default={r.GetString(5)}"));
        lines.AddRange(await QueryAsync(connection,
            $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = '{schema}' AND tablename <> '__ef_migrations'",
            r => $"index {r.GetString(0)}: {r.GetString(1)}"));
        lines.AddRange(await QueryAsync(connection,
            $"""
            SELECT tc.constraint_name, tc.table_name, tc.constraint_type, coalesce(rc.delete_rule, '')
            FROM information_schema.table_constraints tc
            LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name AND rc.constraint_schema = tc.constraint_schema
            WHERE tc.table_schema = '{schema}' AND tc.table_name <> '__ef_migrations' AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE')
            """,
            r => $"constraint {r.GetString(1)}.{r.GetString(0)} {r.GetString(2)} {r.GetString(3)}"));
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
