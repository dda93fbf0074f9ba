using Nexus.Modules.Ordering.Domain;

namespace Nexus.UnitTests.Ordering;

/// <summary>
/// Every order action from every status (docs/decisions/0024): where the state machine allows it, it works; everywhere
/// else it is refused with a sentence and changes nothing. And the refund arithmetic: never more than paid − refunded −
/// pending refunds.
/// </summary>
internal sealed class OrderActionTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Carrier Ups = Carriers.Find("ups")!;

    private static readonly Dictionary<string, Func<Order, OrderActionResult>> Actions = new()
    {
        ["mark processing"] = o => o.MarkProcessing(Now),
        ["ship"] = o => o.Ship([], Ups, "1Z999AA10123456784", Now).Result,
        ["mark delivered"] = o => o.MarkDelivered(Now),
        ["cancel"] = o => o.Cancel("customer asked", "admin@example.com", Now).Result,
        ["refund"] = o => o.RequestRefund(100, "damaged", [], "admin@example.com", Now).Result,
        ["add a note"] = o => o.AddNote("Called the customer", "support@example.com", Now),
    };

    private static readonly Dictionary<string, OrderStatus[]> AllowedFrom = new()
    {
        ["mark processing"] = [OrderStatus.Paid],
        ["ship"] = [OrderStatus.Paid, OrderStatus.Processing],
        ["mark delivered"] = [OrderStatus.Shipped],
        ["cancel"] = [OrderStatus.Pending, OrderStatus.Paid, OrderStatus.Processing],
        ["refund"] = [OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.PartiallyRefunded],
        ["add a note"] = Enum.GetValues<OrderStatus>(),
    };

    private static IEnumerable<TestCaseData> EveryActionFromEveryStatus() =>
        from action in Actions.Keys
        from status in Enum.GetValues<OrderStatus>()
        select new TestCaseData(action, status).SetName($"{action} from {status}");

    [TestCaseSource(nameof(EveryActionFromEveryStatus))]
    public void An_action_works_where_the_state_machine_allows_it_and_is_refused_with_a_reason_elsewhere(string action, OrderStatus status)
    {
        var order = OrderIn(status);
        var version = order.Version;
        var history = order.History.Count;

        var result = Actions[action](order);

        if (AllowedFrom[action].Contains(status))
        {
            result.Done.Should().BeTrue(result.Message);
            order.Version.Should().BeGreaterThan(version, "a change moves the order's version (two admins cannot both win)");
        }
        else
        {
            result.Done.Should().BeFalse();
            result.Message.Should().NotBeNullOrWhiteSpace().And.EndWith(".");
            order.Status.Should().Be(status, "a refused action changes nothing");
            order.Version.Should().Be(version);
            order.History.Should().HaveCount(history);
        }
    }

    [Test]
    public void The_refusals_read_as_sentences_a_person_can_act_on()
    {
        OrderIn(OrderStatus.Shipped).Cancel("x", "a", Now).Result.Message.Should().Be("An order that has shipped cannot be cancelled.");
        OrderIn(OrderStatus.Delivered).Cancel("x", "a", Now).Result.Message.Should().Be("An order that has shipped cannot be cancelled.");
        OrderIn(OrderStatus.Pending).MarkProcessing(Now).Message.Should().Be("An order that is not paid yet cannot be processed.");
        OrderIn(OrderStatus.Paid).MarkDelivered(Now).Message.Should().Be("Only an order that has shipped can be marked delivered.");
        OrderIn(OrderStatus.Pending).RequestRefund(100, "x", [], "a", Now).Result.Message.Should().Be("An order that was never paid has nothing to refund.");
    }

    [Test]
    public void A_partial_shipment_keeps_the_order_processing_and_the_last_one_ships_it()
    {
        var order = Paid(lines: 2);
        var first = order.Lines[0];
        var (partial, shipment) = order.Ship([new OrderLineQuantity(first.Id, 1)], Ups, "TRACK1", Now);

        partial.Done.Should().BeTrue();
        order.Status.Should().Be(OrderStatus.Processing);
        shipment!.TrackingUrl.Should().Be("https://www.ups.com/track?tracknum=TRACK1");
        order.UnshippedQuantity(first).Should().Be(1);

        order.Ship([new OrderLineQuantity(first.Id, 2)], Ups, "TRACK2", Now).Result.Done.Should().BeFalse("only one unit of that line is left to ship");
        order.Ship([], Ups, "TRACK2", Now).Result.Done.Should().BeTrue();
        order.Status.Should().Be(OrderStatus.Shipped);
        order.Shipments.Should().HaveCount(2);
        order.Cancel("too late", "a", Now).Result.Done.Should().BeFalse();
    }

    [Test]
    public void A_partly_shipped_order_cannot_be_cancelled()
    {
        var order = Paid(lines: 2);
        order.Ship([new OrderLineQuantity(order.Lines[0].Id, 1)], Ups, "TRACK1", Now);

        order.Cancel("x", "a", Now).Result.Message.Should().StartWith("Part of this order has shipped");
    }

    [Test]
    public void A_partial_refund_before_shipping_keeps_the_rest_shippable_and_the_order_ends_partially_refunded_once_delivered()
    {
        var order = Paid(lines: 2);
        order.RefundSucceeded(order.RequestRefund(1500, "one lamp arrived broken", [new OrderLineQuantity(order.Lines[0].Id, 1)], "a", Now).Refund!.Id, Now);
        order.Status.Should().Be(OrderStatus.Paid);
        order.History.Last().Note.Should().StartWith("Refunded $15.00");

        order.Ship([], Ups, "T1", Now).Result.Done.Should().BeTrue("the rest of the order still ships");
        order.Status.Should().Be(OrderStatus.Shipped);
        order.RefundSucceeded(order.RequestRefund(500, "late", [], "a", Now).Refund!.Id, Now);
        order.Status.Should().Be(OrderStatus.Shipped, "in transit: it can still be marked delivered");
        order.MarkDelivered(Now).Done.Should().BeTrue();

        order.RefundSucceeded(order.RequestRefund(100, "goodwill", [], "a", Now).Refund!.Id, Now);
        order.Status.Should().Be(OrderStatus.PartiallyRefunded, "nothing is left to fulfil");
        order.RefundSucceeded(order.RequestRefund(order.RefundableMinor, "the rest", [], "a", Now).Refund!.Id, Now);
        order.Status.Should().Be(OrderStatus.Refunded);
    }

    [Test]
    public void A_partial_refund_of_a_digital_order_reads_partially_refunded_at_once()
    {
        var order = Order.Create(
            new OrderDraft(Guid.NewGuid().ToString("N"), Guid.NewGuid(), "user-1", "ada@example.com", "USD", [new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "APP", "App", "", 1, 4900, 4900, true)], 4900, 0, 490, 0, 5390, null, null, Orders.Address, Orders.Address),
            Now);
        order.MarkPaid(Guid.NewGuid(), Now);
        order.RefundSucceeded(order.RequestRefund(4900, "does not run", [], "a", Now).Refund!.Id, Now);
        order.Status.Should().Be(OrderStatus.PartiallyRefunded);
    }

    [Test]
    public void A_tracking_number_is_required_and_has_no_spaces()
    {
        Paid().Ship([], Ups, "  ", Now).Result.Done.Should().BeFalse();
        Paid().Ship([], Ups, "AB 12", Now).Result.Done.Should().BeFalse();
        Paid().Ship([], Ups, new string('A', 65), Now).Result.Done.Should().BeFalse();
    }

    [Test]
    public void Refunds_never_exceed_what_was_paid_counting_the_ones_still_pending()
    {
        var order = Paid(); // 3899
        order.PaidMinor.Should().Be(3899);

        var first = order.RequestRefund(2000, "damaged", [], "a", Now).Refund!;
        order.RefundableMinor.Should().Be(1899, "a pending refund counts against what is left");
        order.RequestRefund(1900, "again", [], "a", Now).Result.Done.Should().BeFalse();

        order.RefundSucceeded(first.Id, Now).Should().NotBeNull();
        order.RefundSucceeded(first.Id, Now).Should().BeNull("a refund is confirmed once, however often the webhook comes");
        order.Status.Should().Be(OrderStatus.Paid, "its goods are still to ship: a partial refund keeps the order shippable");
        order.RefundedMinor.Should().Be(2000);

        var second = order.RequestRefund(1899, "the rest", [], "a", Now).Refund!;
        order.RefundFailed(second.Id, "card expired", Now).Should().BeTrue();
        order.RefundableMinor.Should().Be(1899, "a refused refund gives its amount back");

        var third = order.RequestRefund(1899, "the rest", [], "a", Now).Refund!;
        order.RefundSucceeded(third.Id, Now);
        order.Status.Should().Be(OrderStatus.Refunded);
        order.RefundableMinor.Should().Be(0);
        order.RequestRefund(1, "more", [], "a", Now).Result.Message.Should().StartWith("Everything paid has been refunded");
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void A_refund_is_for_more_than_nothing(long amount) =>
        Paid().RequestRefund(amount, "x", [], "a", Now).Result.Done.Should().BeFalse();

    [Test]
    public void A_refund_needs_a_reason_and_lines_of_this_order()
    {
        var order = Paid();
        order.RequestRefund(100, " ", [], "a", Now).Result.Message.Should().Be("Give a reason for the refund.");
        order.RequestRefund(100, "x", [new OrderLineQuantity(Guid.NewGuid(), 1)], "a", Now).Result.Done.Should().BeFalse();
        order.RequestRefund(100, "x", [new OrderLineQuantity(order.Lines[0].Id, 3)], "a", Now).Result.Done.Should().BeFalse("two were bought");
    }

    [Test]
    public void Cancelling_a_paid_order_asks_for_everything_paid_back_and_it_stays_cancelled_when_confirmed()
    {
        var order = Paid();
        var (result, refund) = order.Cancel("out of stock", "admin@example.com", Now);

        result.Done.Should().BeTrue();
        refund!.AmountMinor.Should().Be(3899);
        order.Status.Should().Be(OrderStatus.Cancelled);
        order.RefundSucceeded(refund.Id, Now).Should().NotBeNull();
        order.Status.Should().Be(OrderStatus.Cancelled);
        order.RefundedMinor.Should().Be(3899);
    }

    [Test]
    public void Cancelling_an_unpaid_order_refunds_nothing()
    {
        var (result, refund) = Orders.New().Cancel("changed my mind", "ada@example.com", Now);
        result.Done.Should().BeTrue();
        refund.Should().BeNull();
    }

    [Test]
    public void A_digital_only_order_has_nothing_to_ship()
    {
        var order = Order.Create(
            new OrderDraft(Guid.NewGuid().ToString("N"), Guid.NewGuid(), "user-1", "ada@example.com", "USD",
                [new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "EBOOK", "Book", "PDF", 1, 900, 900, true)], 900, 0, 0, 0, 900, null, null, null, Orders.Address),
            Now);
        order.MarkPaid(Guid.NewGuid(), Now);
        order.Ship([], Ups, "X1", Now).Result.Message.Should().Contain("digital");
    }

    [Test]
    public void Every_carrier_builds_its_tracking_link_from_an_escaped_number()
    {
        Carriers.All.Should().OnlyHaveUniqueItems(c => c.Code);
        Carriers.Find("dhl")!.TrackingUrl("A/B?C").Should().Be("https://www.dhl.com/global-en/home/tracking.html?tracking-id=A%2FB%3FC");
        Carriers.Find("other")!.TrackingUrl("X").Should().BeNull();
        Carriers.Find("nope").Should().BeNull();
    }

    [Test]
    public void A_note_needs_words_and_has_a_limit()
    {
        Paid().AddNote(" ", "a", Now).Done.Should().BeFalse();
        Paid().AddNote(new string('x', OrderNote.TextMaxLength + 1), "a", Now).Done.Should().BeFalse();
    }

    internal static Order Paid(int lines = 1)
    {
        var draftLines = Enumerable.Range(0, lines)
            .Select(i => new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), $"SKU-{i}", $"Lamp {i}", "Brass", 2, 1500, 3000, false)).ToList();
        var order = Order.Create(
            new OrderDraft(Guid.NewGuid().ToString("N"), Guid.NewGuid(), "user-1", "ada@example.com", "USD", draftLines, 3000 * lines, 0, 300, 599, (3000 * lines) + 899, null, "standard", Orders.Address, Orders.Address),
            Now);
        order.MarkPaid(Guid.NewGuid(), Now);
        return order;
    }

    internal static Order OrderIn(OrderStatus status)
    {
        if (status == OrderStatus.Pending)
        {
            return Orders.New();
        }

        if (status == OrderStatus.Cancelled)
        {
            var cancelled = Orders.New();
            cancelled.CancelUnpaid("Not paid in time", Now);
            return cancelled;
        }

        var order = Paid();
        switch (status)
        {
            case OrderStatus.Processing:
                order.MarkProcessing(Now);
                break;
            case OrderStatus.Shipped:
                order.Ship([], Ups, "T1", Now);
                break;
            case OrderStatus.Delivered:
                order.Ship([], Ups, "T1", Now);
                order.MarkDelivered(Now);
                break;
            case OrderStatus.Refunded:
                order.RefundSucceeded(order.RequestRefund(order.PaidMinor, "all", [], "a", Now).Refund!.Id, Now);
                break;
            case OrderStatus.PartiallyRefunded:
                // Partially refunded is where a fulfilled order ends: delivered, then part of the money back.
                order.Ship([], Ups, "T1", Now);
                order.MarkDelivered(Now);
                order.RefundSucceeded(order.RequestRefund(1000, "part", [], "a", Now).Refund!.Id, Now);
                break;
        }

        order.Status.Should().Be(status);
        return order;
    }
}
