using System.Text.Json;
using Microsoft.Extensions.Options;
using Nexus.Shared.Startup;

namespace Nexus.Modules.Catalog.Imports;

/// <summary>
/// Uploaded import files and their status, in <c>&lt;DataPath&gt;/catalog-imports</c>: <c>{id}.csv</c> is streamed
/// there from the request before the job is queued (so the request ends at once and the job can read the file twice
/// without holding it in memory) and <c>{id}.json</c> is the status. Ids are server-made GUIDs, never file names
/// from the browser. The folder is per instance: with several instances the job must run where the file is (see
/// docs/architecture.md, Catalog back office).
/// </summary>
internal sealed class ProductImportStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string folder;

    public ProductImportStore(IOptions<NexusOptions> options)
    {
        folder = Path.Combine(options.Value.DataPath, "catalog-imports");
    }

    public string FileFor(string id) => Path.Combine(folder, Checked(id) + ".csv");

    /// <summary>Streams the upload to disk, at most <paramref name="maxBytes"/>; false when it is larger (the partial file is removed).</summary>
    public async Task<bool> SaveUploadAsync(string id, Stream upload, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = FileFor(id);
        var buffer = new byte[81920];
        long total = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            int read;
            while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    break;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        if (total > maxBytes)
        {
            File.Delete(path);
            return false;
        }

        return true;
    }

    public async Task WriteAsync(ProductImportStatus status, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Checked(status.Id) + ".json");
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(status, Json), cancellationToken);
        // Readers see the old status or the new one, never half a file.
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<ProductImportStatus?> ReadAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParseExact(id, "N", out _))
        {
            return null;
        }

        var path = Path.Combine(folder, id + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ProductImportStatus>(file, Json, cancellationToken);
    }

    public void DeleteUpload(string id)
    {
        var path = FileFor(id);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static string Checked(string id) =>
        Guid.TryParseExact(id, "N", out _) ? id : throw new ArgumentException("An import id is a GUID in N format.", nameof(id));
}
