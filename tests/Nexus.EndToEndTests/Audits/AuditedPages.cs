namespace Nexus.EndToEndTests.Audits;

/// <summary>
/// The pages the audits visit — one list for everyone: whoever adds a storefront or catalog back-office page appends
/// its address here, and axe-core (every page) and Lighthouse (the <see cref="Lighthouse"/> set) check it. Paths are
/// relative to the test host, which runs with the demo catalog.
/// </summary>
internal static class AuditedPages
{
    /// <summary>Stands for the number of the order the audit host seeds (<see cref="AuditedOrder"/>): paid, part shipped, part refunded, with a note.</summary>
    public const string SeededOrder = "{seeded-order}";

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
        // The browse pages (issue 14), on the demo catalog: a nested category, filtered; a search with results, a
        // misspelt one (the suggestion) and one that finds nothing; a product with variants (one sold out) and reviews.
        "/categories/tops",
        "/categories/tops?instock=true&min=20&max=60&sort=price-asc&p=2",
        "/search?q=keyboard",
        "/search?q=keybaord",
        "/search?q=zzzz-nothing",
        DemoProducts.HoodieWithSoldOutSize,
        DemoProducts.HoodieWithSoldOutSize + "?o1=L&o2=Heather+Grey",
        "/products/mechanical-keyboard-k2",
        // The cart (issue 15): empty for a visitor without a cart.
        "/cart",
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
        // The editor of a seeded product (Mechanical Keyboard K2), a category in the editor, the reviews admin.
        "/admin/catalog/products/" + DemoProducts.KeyboardId,
        "/admin/catalog/categories?edit=0193a000-0000-7000-8000-000000000028",
        "/admin/catalog/reviews",
        "/admin/settings/checkout",
        // Coupons (Promotions): the list with the demo coupons and the editor.
        "/admin/coupons",
        "/admin/orders",
        // The list with bad filters: the inline messages must be accessible too.
        "/admin/orders?status=bogus&from=2026-12-05&to=2026-12-01",
        // One order with every section filled (lines, shipment, refund, timeline, note, the action forms), and its customer.
        "/admin/orders/" + SeededOrder,
        "/admin/orders/customers/audit-customer",
        "/admin/coupons/new",
        // Notifications: the broadcast form and the ones sent lately.
        "/admin/notifications",
    ];

    /// <summary>
    /// The customer's account area (issue 15: one tab bar on every page), seen by a customer signed in with the test
    /// header: axe-core. Security and Two-factor need an Identity user behind the sign-in and are not in the list yet
    /// (they carry the same tab bar partial, which these pages audit).
    /// </summary>
    public static readonly IReadOnlyList<string> Account =
    [
        "/account",
        "/account/licensing",
        "/account/wishlist",
        "/account/addresses",
        "/account/profile",
        "/account/delete",
        // Ordering: the order history (empty for the audit's customer).
        "/account/orders",
        // The seeded order from its customer's side: shipment with tracking, refund, timeline, cancel not offered.
        "/account/orders/" + SeededOrder,
        // The notification centre (the seeded order's shipment and refund are in it, and the header's bell).
        "/account/notifications",
    ];

    /// <summary>
    /// Lighthouse 12 (desktop and mobile presets), at least 95 in all four categories. The issue names the front page,
    /// a category listing, a search result and a product page.
    /// </summary>
    public static readonly IReadOnlyList<string> Lighthouse =
    [
        "/",
        "/categories/tops",
        "/search?q=keyboard",
        DemoProducts.HoodieWithSoldOutSize,
    ];
}
