namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// Where catalog images live, as encoded WebP files addressed by key and size. It stores bytes and nothing else:
/// decoding, limits and resizing happen before (<see cref="CatalogImageEncoder"/>), serving after
/// (<see cref="CatalogMediaEndpoint"/>). Keys are checked by <see cref="CatalogImageKey"/>.
/// </summary>
internal interface ICatalogImageStore
{
    /// <summary>Stores (or replaces) one size of an image; readers never see a half-written file.</summary>
    Task PutAsync(string key, CatalogImageSize size, ReadOnlyMemory<byte> webp, CancellationToken cancellationToken);

    /// <summary>Opens one size for reading, or null when it is not stored.</summary>
    Stream? Open(string key, CatalogImageSize size);

    /// <summary>Deletes every size of an image; no error when there is nothing to delete.</summary>
    void Delete(string key);
}
