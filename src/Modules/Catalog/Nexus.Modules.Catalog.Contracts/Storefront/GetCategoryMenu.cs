using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Contracts.Storefront;

/// <summary>The shop's category menu: top-level categories in their order, each with its children. Cached briefly.</summary>
public sealed record GetCategoryMenu : IQuery<CategoryMenu>;

public sealed record CategoryMenu(IReadOnlyList<CategoryMenuItem> Items)
{
    public static CategoryMenu Empty { get; } = new([]);
}

/// <summary>A category in the menu; its page is <c>/categories/{Slug}</c>.</summary>
public sealed record CategoryMenuItem(string Name, string Slug, IReadOnlyList<CategoryMenuItem> Children);
