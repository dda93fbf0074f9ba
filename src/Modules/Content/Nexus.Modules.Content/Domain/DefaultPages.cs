namespace Nexus.Modules.Content.Domain;

/// <summary>
/// The texts a new shop starts with: honest placeholders that say what belongs on each page, for the owner to
/// replace at /admin/content. Written by the first migration (so they exist on every database, demo or not).
/// </summary>
internal static class DefaultPages
{
    public static readonly DateTime WrittenAt = new(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<(string Slug, string Title, string Body)> All { get; } =
    [
        ("contact", "Contact us", """
            We are happy to help with orders, deliveries, returns and anything else about the shop.

            ## How to reach us

            - **E-mail:** write to the address on your order confirmation, and quote your order number if you have one.
            - **Answer time:** we reply within two working days.

            *The shop's owner replaces this text with the real address, phone number and opening hours in the back office.*
            """),
        ("shipping-returns", "Shipping and returns", """
            ## Shipping

            Physical items are sent within two working days of payment. You receive an e-mail with tracking details
            when your parcel leaves us. Digital products (software licences) are delivered to your account as soon as
            the payment is confirmed.

            ## Returns

            You may return a physical item within 30 days of delivery, unused and in its original packaging. Contact
            us first so we can tell you where to send it; we refund the price within 14 days of receiving it.
            Licence keys that have been activated cannot be returned.
            """),
        ("privacy", "Privacy", """
            We collect only what we need to run the shop: your account details, your addresses and your orders.

            ## What we keep and why

            - **Your account** (e-mail address and password hash) lets you sign in and see your orders.
            - **Your addresses** are used to deliver and invoice your orders.
            - **Your orders** are kept as long as the law requires for accounting.

            We do not sell your data and we use no advertising trackers. You can download your data or delete your
            account at any time from *My account*.
            """),
    ];
}
