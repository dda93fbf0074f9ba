using Nexus.Shared.Persistence;

namespace Nexus.Shared.Backup;

/// <summary>
/// <c>restore &lt;backup folder | .tar.gz | .zip&gt;</c>, only while no host runs on the data folder (its
/// <see cref="DataFolderLock"/>). Unpacks into the data folder's <c>.restoring-*</c>, checks every file against the
/// manifest and refuses a schema newer than this build knows — all before anything moves. Then the current contents go
/// to <c>.before-restore-&lt;time&gt;</c> inside the data folder (kept, never deleted: a container's volume root cannot
/// be renamed, its contents can) and the backup's take their place.
/// </summary>
internal sealed class DataFolderRestore(string dataPath, DatabaseSettings database, ModuleDatabaseRegistry registry)
{
    public string Run(string backup)
    {
        var source = Path.GetFullPath(backup);
        var archive = File.Exists(source) && (BackupPaths.IsTarGz(source) || BackupPaths.IsZip(source));
        if (!archive && !File.Exists(Path.Combine(source, BackupManifest.FileName)))
        {
            throw new CommandRefusedException(CommandRefusedException.Usage, File.Exists(source) || Directory.Exists(source)
                ? $"'{source}' is not a Nexus backup (a folder with {BackupManifest.FileName}, or a .tar.gz / .zip of one)"
                : $"'{source}' does not exist");
        }

        if (DataFolderLock.LockingDisabled)
        {
            throw new CommandRefusedException(CommandRefusedException.Refused, "file locking is switched off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING), so a running shop cannot be detected; unset it and run restore again");
        }

        Directory.CreateDirectory(dataPath);
        using var exclusive = DataFolderLock.TryTakeExclusive(dataPath)
            ?? throw new CommandRefusedException(CommandRefusedException.Refused, $"a Nexus host is running on the data folder {dataPath} (it holds {DataFolderLock.FileName}); stop it first, nothing was changed");

        var now = DateTimeOffset.UtcNow;
        var staging = Path.Combine(dataPath, BackupPaths.StagingPrefix + BackupPaths.Stamp(now));
        try
        {
            if (archive)
            {
                BackupArchive.Unpack(source, staging);
            }
            else
            {
                CopyFolder(source, staging);
            }

            var manifest = Verify(staging, source);
            var aside = Path.Combine(dataPath, BackupPaths.AsidePrefix + BackupPaths.Stamp(now));
            Swap(Path.Combine(staging, BackupManifest.DataFolderName), aside);
            return $"restored {manifest.Files.Count} files from {source} (made {manifest.CreatedAt:u} by Nexus {manifest.NexusVersion}) into {dataPath}; "
                + $"the previous contents are kept in {aside}"
                + (database.Provider == DatabaseProvider.Sqlite ? string.Empty : $"; restore the {database.Provider} database separately (pg_restore / RESTORE DATABASE, docs/operations.md)");
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private BackupManifest Verify(string staging, string source)
    {
        var manifest = BackupManifest.TryRead(Path.Combine(staging, BackupManifest.FileName))
            ?? throw Damaged(source, $"its {BackupManifest.FileName} is missing or unreadable");
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw Damaged(source, $"it is in backup format {manifest.Format}, this build reads format {BackupManifest.CurrentFormat}");
        }

        if (!string.Equals(manifest.Provider, database.Provider.ToString(), StringComparison.Ordinal))
        {
            throw new CommandRefusedException(CommandRefusedException.Refused, $"{source} was made on {manifest.Provider} and this shop runs on {database.Provider}; nothing was changed");
        }

        var data = Path.Combine(staging, BackupManifest.DataFolderName);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            var path = Path.GetFullPath(Path.Combine(data, file.Path));
            if (!BackupPaths.IsInside(path, data) || !listed.Add(file.Path))
            {
                throw Damaged(source, $"its manifest names '{file.Path}' twice or outside the backup");
            }

            if (!File.Exists(path))
            {
                throw Damaged(source, $"{file.Path} is missing");
            }

            if (new FileInfo(path).Length != file.Bytes || !string.Equals(DataFolderBackup.Sha256(path), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Damaged(source, $"the checksum of {file.Path} does not match its manifest");
            }
        }

        var unlisted = Directory.Exists(data)
            ? Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(data, f).Replace(Path.DirectorySeparatorChar, '/')).FirstOrDefault(f => !listed.Contains(f))
            : null;
        if (unlisted is not null)
        {
            throw Damaged(source, $"{unlisted} is not in its manifest");
        }

        foreach (var module in manifest.Modules)
        {
            var known = registry.All.FirstOrDefault(m => string.Equals(m.Schema, module.Schema, StringComparison.Ordinal));
            if (known is null)
            {
                continue;
            }

            var ids = DatabaseMigrator.MigrationIds(known.ContextType);
            if (!ids.Contains(module.LastMigration, StringComparer.Ordinal) && ids.All(id => string.CompareOrdinal(module.LastMigration, id) > 0))
            {
                throw new CommandRefusedException(CommandRefusedException.Refused,
                    $"{source} has {module.Module} at migration {module.LastMigration}, newer than this build knows ({ids.Max(StringComparer.Ordinal) ?? "none"}); restore it with the Nexus version that made it ({manifest.NexusVersion}) or newer; nothing was changed");
            }
        }

        return manifest;
    }

    /// <summary>Current contents aside, backup in; on a failure halfway, what moved goes back.</summary>
    private void Swap(string backupData, string aside)
    {
        Directory.CreateDirectory(aside);
        var movedAside = new List<(string From, string To)>();
        var movedIn = new List<(string From, string To)>();
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(dataPath).ToList())
            {
                var name = Path.GetFileName(entry);
                if (name == DataFolderLock.FileName || name.StartsWith(BackupPaths.AsidePrefix, StringComparison.Ordinal) || name.StartsWith(BackupPaths.StagingPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var to = Path.Combine(aside, name);
                Move(entry, to);
                movedAside.Add((entry, to));
            }

            if (Directory.Exists(backupData))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(backupData).ToList())
                {
                    var to = Path.Combine(dataPath, Path.GetFileName(entry));
                    Move(entry, to);
                    movedIn.Add((entry, to));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var (from, to) in Enumerable.Reverse(movedIn))
            {
                Move(to, from);
            }

            foreach (var (from, to) in Enumerable.Reverse(movedAside))
            {
                Move(to, from);
            }

            throw new CommandRefusedException(CommandRefusedException.Refused, $"could not put the backup in place ({ex.Message}); the data folder was put back as it was", ex);
        }
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private static CommandRefusedException Damaged(string source, string why) =>
        new(CommandRefusedException.Refused, $"{source} is damaged: {why}; nothing was changed");
}
