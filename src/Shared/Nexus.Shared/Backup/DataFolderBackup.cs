using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Nexus.Shared.Persistence;
using Npgsql;

namespace Nexus.Shared.Backup;

/// <summary>
/// <c>backup &lt;folder | file.tar.gz | file.zip&gt;</c>: an online copy of the data folder while the shop runs. Every
/// SQLite file in it (the shop's database, Hangfire's, any other) goes through SQLite's online backup API, which reads
/// one consistent snapshot under a read transaction — in WAL mode writers carry on meanwhile, so the shop never waits
/// for the writer lock. Everything else (keys, logs, images, mail pickup) is copied. On PostgreSQL and SQL Server the
/// files are still backed up, then the command refuses the database and prints what to run instead.
/// </summary>
internal sealed class DataFolderBackup(string dataPath, DatabaseSettings database, ModuleDatabaseRegistry registry)
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public string Run(string target)
    {
        var createdAt = DateTimeOffset.UtcNow;
        var (destination, archive) = Destination(target, createdAt);
        var shopDatabase = ShopSqliteFile();
        var staging = archive ? destination + ".partial-" + Environment.ProcessId : destination + ".partial";
        var watch = Stopwatch.StartNew();
        try
        {
            var dataOut = Path.Combine(staging, BackupManifest.DataFolderName);
            Directory.CreateDirectory(dataOut);
            var files = new List<BackupFile>();
            var databaseTime = TimeSpan.Zero;
            foreach (var source in Directory.EnumerateFiles(dataPath, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            {
                var relative = Path.GetRelativePath(dataPath, source).Replace(Path.DirectorySeparatorChar, '/');
                if (BackupPaths.IsSkipped(relative))
                {
                    continue;
                }

                var copy = Path.Combine(dataOut, relative.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                bool isDatabase;
                try
                {
                    isDatabase = IsSqlite(source);
                    if (isDatabase)
                    {
                        var started = watch.Elapsed;
                        CopyDatabase(source, copy);
                        databaseTime += watch.Elapsed - started;
                    }
                    else
                    {
                        File.Copy(source, copy);
                    }
                }
                catch (FileNotFoundException)
                {
                    // Gone between listing and copying (a mail picked up, an import finished): not part of this backup.
                    continue;
                }

                files.Add(new BackupFile(relative, new FileInfo(copy).Length, Sha256(copy), isDatabase));
            }

            var modules = shopDatabase is null ? [] : LastMigrations(Path.Combine(dataOut, Path.GetRelativePath(dataPath, shopDatabase)));
            new BackupManifest(BackupManifest.CurrentFormat, NexusVersion, createdAt, database.Provider.ToString(), modules, files)
                .WriteTo(Path.Combine(staging, BackupManifest.FileName));
            Publish(staging, destination, archive);
            var summary = $"backed up {files.Count} files ({files.Count(f => f.SqliteDatabase)} SQLite databases, {files.Sum(f => f.Bytes) / 1024.0 / 1024.0:0.0} MB) "
                + $"to {destination} in {watch.Elapsed.TotalSeconds:0.0} s (databases {databaseTime.TotalSeconds:0.00} s)";
            if (database.Provider != DatabaseProvider.Sqlite)
            {
                throw new CommandRefusedException(CommandRefusedException.Refused, $"{summary}, but not the {database.Provider} database: {ServerDatabaseAdvice()}");
            }

            return summary;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private (string Destination, bool Archive) Destination(string target, DateTimeOffset createdAt)
    {
        var full = Path.GetFullPath(target);
        if (BackupPaths.IsInside(full, dataPath))
        {
            throw new CommandRefusedException(CommandRefusedException.Usage, $"'{full}' is inside the data folder {dataPath}; keep backups elsewhere (another disk or machine)");
        }

        if (BackupPaths.IsTarGz(full) || BackupPaths.IsZip(full))
        {
            if (File.Exists(full) || Directory.Exists(full))
            {
                throw new CommandRefusedException(CommandRefusedException.Usage, $"'{full}' exists already; a backup never overwrites one");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            return (full, true);
        }

        if (File.Exists(full))
        {
            throw new CommandRefusedException(CommandRefusedException.Usage, $"'{full}' is a file; give a folder (a timestamped backup folder is made in it) or a .tar.gz / .zip to create");
        }

        var folder = Path.Combine(full, $"nexus-backup-{BackupPaths.Stamp(createdAt)}");
        if (Directory.Exists(folder))
        {
            throw new CommandRefusedException(CommandRefusedException.Usage, $"'{folder}' exists already; a backup never overwrites one");
        }

        Directory.CreateDirectory(full);
        return (folder, false);
    }

    /// <summary>The shop's SQLite file when it is in the data folder (null on a server database).</summary>
    private string? ShopSqliteFile()
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        if (!BackupPaths.IsInside(file, dataPath))
        {
            // Restore puts back a data folder; a database elsewhere would silently stay as it is.
            throw new CommandRefusedException(CommandRefusedException.Refused, $"the SQLite database {file} is outside the data folder {dataPath}; backup and restore cover the data folder only (move the database into it, or copy it with sqlite3 .backup)");
        }

        return file;
    }

    private static bool IsSqlite(string path)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual(SqliteHeader);
    }

    /// <summary>
    /// SQLite's online backup in one step: a read transaction on the source for as long as the copy takes (a WAL
    /// database keeps taking writes meanwhile; a rollback-journal one, e.g. an older Hangfire file, makes its writers
    /// wait that long). Busy only while another process recovers the WAL: retried a few times.
    /// </summary>
    private static void CopyDatabase(string source, string copy)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
                using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
                {
                    from.Open();
                    to.Open();
                    Execute(from, "PRAGMA busy_timeout = 5000;");
                    from.BackupDatabase(to);
                    // The copy keeps the source's journal mode (WAL); fold its WAL in so the file alone is the database.
                    Execute(to, "PRAGMA wal_checkpoint(TRUNCATE);");
                    var check = Convert.ToString(Scalar(to, "PRAGMA quick_check;"), CultureInfo.InvariantCulture);
                    if (check != "ok")
                    {
                        throw new CommandRefusedException(CommandRefusedException.Refused, $"the copy of {source} fails SQLite's quick_check ({check}); nothing was written");
                    }
                }

                foreach (var side in new[] { copy + "-wal", copy + "-shm" })
                {
                    File.Delete(side);
                }

                return;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 && attempt < 5)
            {
                File.Delete(copy);
                Thread.Sleep(200 * attempt);
            }
        }
    }

    /// <summary>Each registered module's newest applied migration, read from the copy (so it matches the data).</summary>
    private List<BackupModule> LastMigrations(string copy)
    {
        var modules = new List<BackupModule>();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
        {
            connection.Open();
            ReadLastMigrations(connection, modules);
        }

        // Reading a WAL file leaves its side files behind on some SQLite builds; the copy is whole without them.
        foreach (var side in new[] { copy + "-wal", copy + "-shm" })
        {
            File.Delete(side);
        }

        return modules;
    }

    private void ReadLastMigrations(SqliteConnection connection, List<BackupModule> modules)
    {
        foreach (var module in registry.All)
        {
            var table = new ModuleNaming(ModuleNaming.SqliteProviderName, module.Schema).MigrationsHistoryTable;
            using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table;";
            exists.Parameters.AddWithValue("$table", table);
            if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                continue;
            }

            if (Scalar(connection, $"SELECT max(\"MigrationId\") FROM \"{table}\";") is string last)
            {
                modules.Add(new BackupModule(module.ModuleName, module.Schema, last));
            }
        }
    }

    private static void Publish(string staging, string destination, bool archive)
    {
        if (!archive)
        {
            Directory.Move(staging, destination);
            return;
        }

        var partial = destination + ".partial";
        BackupArchive.Pack(staging, partial, BackupPaths.IsZip(destination));
        File.Move(partial, destination);
    }

    /// <summary>The dump and restore command lines for the configured server database (never its password).</summary>
    private string ServerDatabaseAdvice()
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var pg = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            var target = $"--host={pg.Host} --port={pg.Port} --username={pg.Username} --dbname={pg.Database}";
            return $"run `pg_dump --format=custom {target} --file=nexus-$(date +%F).dump` (it includes the hangfire schema) and restore with "
                + $"`pg_restore --clean --if-exists {target} nexus-<date>.dump` while the shop is stopped (docs/operations.md)";
        }

        var sql = new SqlConnectionStringBuilder(database.ConnectionString);
        return $"run `sqlcmd -S {sql.DataSource} -Q \"BACKUP DATABASE [{sql.InitialCatalog}] TO DISK = N'nexus.bak' WITH COPY_ONLY, CHECKSUM\"` and restore with "
            + $"`sqlcmd -S {sql.DataSource} -Q \"RESTORE DATABASE [{sql.InitialCatalog}] FROM DISK = N'nexus.bak' WITH REPLACE, CHECKSUM\"` while the shop is stopped (docs/operations.md)";
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    internal static string NexusVersion =>
        (Assembly.GetEntryAssembly() ?? typeof(DataFolderBackup).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
