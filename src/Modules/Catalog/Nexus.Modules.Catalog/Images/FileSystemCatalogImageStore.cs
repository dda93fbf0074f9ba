using Microsoft.Extensions.Options;
using Nexus.Shared.Startup;

namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// The image store in the data folder: <c>&lt;DataPath&gt;/catalog-images/{first two characters}/{key}-{s|m|l}.webp</c>
/// (a level of sub-folders keeps directories small for large catalogs). Writes go to a temporary file that is then
/// moved into place, so a reader sees the old file or the new one, never part of one. Several instances need the
/// folder on shared storage (see docs/architecture.md).
/// </summary>
internal sealed class FileSystemCatalogImageStore : ICatalogImageStore
{
    public const string FolderName = "catalog-images";

    private readonly string root;

    public FileSystemCatalogImageStore(IOptions<NexusOptions> options)
        : this(Path.Combine(options.Value.DataPath, FolderName))
    {
    }

    public FileSystemCatalogImageStore(string root)
    {
        this.root = Path.GetFullPath(root);
    }

    public async Task PutAsync(string key, CatalogImageSize size, ReadOnlyMemory<byte> webp, CancellationToken cancellationToken)
    {
        var path = PathOf(key, size);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, webp.ToArray(), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Stream? Open(string key, CatalogImageSize size)
    {
        try
        {
            return new FileStream(PathOf(key, size), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 16 * 1024, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(string key)
    {
        foreach (var size in CatalogImageSizes.All)
        {
            File.Delete(PathOf(key, size));
        }
    }

    private string PathOf(string key, CatalogImageSize size)
    {
        CatalogImageKey.EnsureValid(key);
        var path = Path.GetFullPath(Path.Combine(root, key[..Math.Min(2, key.Length)], $"{key}-{size.Letter()}.webp"));
        // The key pattern already rules out leaving the folder; this says so once more where the path is made.
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The image key leads outside the image store.", nameof(key));
        }

        return path;
    }
}
