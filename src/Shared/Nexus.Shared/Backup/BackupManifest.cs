using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexus.Shared.Backup;

/// <summary>
/// <c>manifest.json</c> at a backup's root: what made it, when, how far each module's schema had migrated, and every
/// file under <c>data/</c> with its size and SHA-256 — restore checks all of them before it touches the data folder.
/// </summary>
internal sealed record BackupManifest(
    int Format,
    string NexusVersion,
    DateTimeOffset CreatedAt,
    string Provider,
    IReadOnlyList<BackupModule> Modules,
    IReadOnlyList<BackupFile> Files)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string DataFolderName = "data";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void WriteTo(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a manifest; null when the file is not one (restore then names it as damaged).</summary>
    public static BackupManifest? TryRead(string path)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
            return manifest is { Modules: not null, Files: not null, NexusVersion: not null, Provider: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A module's last applied migration in the backed-up database.</summary>
internal sealed record BackupModule(string Module, string Schema, string LastMigration);

/// <summary>A file of the backup, relative to its <c>data/</c> folder with '/' separators.</summary>
internal sealed record BackupFile(string Path, long Bytes, string Sha256, bool SqliteDatabase);
