using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Contracts.Storefront;

/// <summary>
/// Every storefront address the catalog wants search engines to know — listed categories and listed products —
/// read row by row as the caller enumerates (the sitemap streams them; nothing is held in memory). Enumerate
/// within the request's scope.
/// </summary>
public sealed record ListSitemapEntries : IQuery<IAsyncEnumerable<SitemapEntry>>;

/// <summary>A root-relative storefront path (<c>/products/red-mug</c>) and when it last changed, if known.</summary>
public sealed record SitemapEntry(string Path, DateTime? LastModified);
