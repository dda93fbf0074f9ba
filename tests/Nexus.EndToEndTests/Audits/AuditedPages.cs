namespace Nexus.EndToEndTests.Audits;

/// <summary>
/// The pages the audits visit — one list for everyone: whoever adds a storefront or catalog back-office page appends
/// its address here, and axe-core (every page) and Lighthouse (the <see cref="Lighthouse"/> set) check it. Paths are
/// relative to the test host, which runs with the demo catalog.
/// </summary>
internal static class AuditedPages
{
    /// <summary>Storefront pages a visitor can reach (anonymous): axe-core, no WCAG 2.1 AA violation.</summary>
    public static readonly IReadOnlyList<string> Storefront =
    [
        "/",
        "/?p=2",
        "/pages/contact",
        "/pages/shipping-returns",
        "/pages/privacy",
        "/account/login",
        "/account/register",
        "/no/such/page",
        // i14-browse appends: "/search?q=keyboard", "/search?q=zzzz-nothing", "/categories/<slug>", "/products/<slug>".
    ];

    /// <summary>Back-office pages, seen by an admin: axe-core, no WCAG 2.1 AA violation.</summary>
    public static readonly IReadOnlyList<string> BackOffice =
    [
        "/admin",
        "/admin/content",
        "/admin/content/contact",
        "/admin/catalog",
        "/admin/catalog/products/new",
        "/admin/catalog/categories",
        "/admin/catalog/inventory",
        "/admin/catalog/import",
        // Product editor of a seeded product, reviews, import status: appended by their authors.
    ];

    /// <summary>
    /// Lighthouse 12 (desktop and mobile presets), at least 95 in all four categories. The issue names the front page,
    /// a category listing, a search result and a product page; until the last three exist, a content page stands in.
    /// </summary>
    public static readonly IReadOnlyList<string> Lighthouse =
    [
        "/",
        "/pages/shipping-returns",
        // i14-browse appends: "/categories/<slug>", "/search?q=keyboard", "/products/<slug>".
    ];
}
