using System.Formats.Tar;
using System.IO.Compression;

namespace Nexus.Shared.Backup;

/// <summary>A backup folder packed into one .tar.gz or .zip, and unpacked again without leaving its target folder.</summary>
internal static class BackupArchive
{
    public static void Pack(string folder, string archive, bool zip)
    {
        if (zip)
        {
            ZipFile.CreateFromDirectory(folder, archive, CompressionLevel.Fastest, includeBaseDirectory: false);
            return;
        }

        using var file = File.Create(archive);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        TarFile.CreateFromDirectory(folder, gzip, includeBaseDirectory: false);
    }

    /// <summary>
    /// Only regular files and folders, each inside <paramref name="into"/>: a crafted archive cannot write through
    /// "../" or a link, and anything else in it stops the restore as a damaged backup.
    /// </summary>
    public static void Unpack(string archive, string into)
    {
        Directory.CreateDirectory(into);
        try
        {
            if (BackupPaths.IsZip(archive))
            {
                using var zip = ZipFile.OpenRead(archive);
                foreach (var entry in zip.Entries)
                {
                    var path = Inside(into, entry.FullName);
                    if (entry.FullName.EndsWith('/'))
                    {
                        Directory.CreateDirectory(path);
                        continue;
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    entry.ExtractToFile(path, overwrite: false);
                }

                return;
            }

            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                var path = Inside(into, entry.Name);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(path);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        entry.ExtractToFile(path, overwrite: false);
                        break;
                    default:
                        throw new CommandRefusedException(CommandRefusedException.Refused, $"{archive} holds '{entry.Name}', a {entry.EntryType} entry; a Nexus backup holds only files and folders");
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new CommandRefusedException(CommandRefusedException.Refused, $"{archive} is not a readable backup archive ({ex.Message}); nothing was changed", ex);
        }
    }

    private static string Inside(string root, string name)
    {
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (!BackupPaths.IsInside(path, root) || Path.IsPathRooted(name))
        {
            throw new CommandRefusedException(CommandRefusedException.Refused, $"the archive entry '{name}' points outside the backup; nothing was changed");
        }

        return path;
    }
}
