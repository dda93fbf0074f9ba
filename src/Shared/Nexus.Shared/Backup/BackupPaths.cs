namespace Nexus.Shared.Backup;

/// <summary>Names shared by backup and restore: archive kinds, and what in a data folder is never backed up.</summary>
internal static class BackupPaths
{
    /// <summary>Restore keeps the replaced contents here, inside the data folder (a volume's root cannot be renamed).</summary>
    public const string AsidePrefix = ".before-restore-";

    /// <summary>Restore unpacks and checks a backup here before it swaps anything.</summary>
    public const string StagingPrefix = ".restoring-";

    public static bool IsTarGz(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    public static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Files a backup leaves out: SQLite's side files (the online backup's copy is already consistent without them),
    /// the running host's lock, the data-folder probe, and what restore keeps aside or is unpacking.
    /// </summary>
    public static bool IsSkipped(string relativePath)
    {
        var name = Path.GetFileName(relativePath);
        var top = relativePath.Split('/')[0];
        return name.EndsWith("-wal", StringComparison.Ordinal) || name.EndsWith("-shm", StringComparison.Ordinal) || name.EndsWith("-journal", StringComparison.Ordinal)
            || name == DataFolderLock.FileName || name.StartsWith(".write-probe-", StringComparison.Ordinal)
            || top.StartsWith(AsidePrefix, StringComparison.Ordinal) || top.StartsWith(StagingPrefix, StringComparison.Ordinal);
    }

    public static bool IsInside(string path, string folder)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal);
    }

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
