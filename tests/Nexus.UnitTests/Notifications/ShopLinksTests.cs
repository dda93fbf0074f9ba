using Nexus.Modules.Notifications.InApp;

namespace Nexus.UnitTests.Notifications;

/// <summary>A notification's link leads into the shop, never to another site (no open redirect through the bell).</summary>
internal sealed class ShopLinksTests
{
    [TestCase("/")]
    [TestCase("/products?sort=newest")]
    [TestCase("/account/orders/NX-1234ABCD")]
    public void A_path_in_the_shop_is_accepted(string link) => ShopLinks.IsShopPath(link).Should().BeTrue();

    [TestCase("https://evil.example/")]
    [TestCase("//evil.example/")]
    [TestCase("/\\evil.example/")]
    [TestCase("products")]
    [TestCase("javascript:alert(1)")]
    [TestCase("/a\nb")]
    [TestCase("")]
    [TestCase(null)]
    public void Anything_else_is_refused(string? link) => ShopLinks.IsShopPath(link).Should().BeFalse();

    [Test]
    public void A_link_longer_than_its_column_is_refused() =>
        ShopLinks.IsShopPath("/" + new string('a', InAppNotification.LinkMaxLength)).Should().BeFalse();

    [Test]
    public void Text_too_long_for_its_column_is_shortened_with_an_ellipsis()
    {
        InAppNotification.Fit("short", 10).Should().Be("short");
        var fitted = InAppNotification.Fit(new string('x', 20), 10);
        fitted.Should().HaveLength(10).And.EndWith("…");
    }
}
