using Microsoft.AspNetCore.Http;
using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Modules.Notifications.Live;
using Nexus.Shared.Live;
using Nexus.Shared.Web;

namespace Nexus.UnitTests.Shared.Live;

/// <summary>The live channel's group names, message shapes and checks (decision 0026).</summary>
internal sealed class LiveContractsTests
{
    [Test]
    public void Group_names_say_whose_they_are()
    {
        LiveGroups.User("42").Should().Be("user:42");
        LiveGroups.Stock.Should().Be("stock");
        LiveGroups.Staff.Should().Be("staff");
    }

    [Test]
    public void A_guest_carts_group_is_named_by_a_hash_not_by_the_cookie_token()
    {
        const string token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";
        var group = LiveGroups.GuestCart(token);

        group.Should().StartWith("cart:").And.NotContain(token).And.HaveLength("cart:".Length + 22);
        LiveGroups.GuestCart(token).Should().Be(group, "every instance names the same cart's group alike");
        LiveGroups.GuestCart(token + "x").Should().NotBe(group);
    }

    [Test]
    public void Empty_ids_name_no_group()
    {
        var user = () => LiveGroups.User(" ");
        var cart = () => LiveGroups.GuestCart("");
        user.Should().Throw<ArgumentException>();
        cart.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Order_messages_are_versioned_and_carry_the_order()
    {
        var id = Guid.NewGuid();
        var message = LiveOrderMessages.Status(id, "NX-1001", "Shipped");

        message.Type.Should().Be(LiveMessageTypes.OrderStatus);
        message.Version.Should().Be(1);
        message.Payload.Should().BeEquivalentTo(new { orderId = id, number = "NX-1001", status = "Shipped" });
    }

    [TestCase(1, -1, true, TestName = "The last unit sold: out of stock")]
    [TestCase(0, 5, true, TestName = "Restocked from zero: back in stock")]
    [TestCase(4, -1, false, TestName = "A sale that leaves some: nothing to tell")]
    [TestCase(0, 0, false, TestName = "Still none: nothing to tell")]
    public void Stock_is_pushed_only_when_it_crosses_zero(int before, int delta, bool pushed)
    {
        var change = new StockChanged(Guid.NewGuid(), Guid.NewGuid(), "SKU", delta, before + delta, before + delta, "test");
        StockChangedLiveHandler.CrossesZero(change).Should().Be(pushed);
    }

    [TestCase(null, true)]
    [TestCase("https://shop.example", true)]
    [TestCase("http://internal:8080", true)]
    [TestCase("https://evil.example", false)]
    [TestCase("null", false)]
    public void The_hub_admits_only_its_own_origin(string? origin, bool admitted)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("internal:8080");
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        LiveServiceCollectionExtensions.IsSameOrigin(context.Request, new PublicUrl(new Uri("https://shop.example/"))).Should().Be(admitted);
    }
}
