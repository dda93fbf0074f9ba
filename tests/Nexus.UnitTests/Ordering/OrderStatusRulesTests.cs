using Nexus.Modules.Ordering.Domain;

namespace Nexus.UnitTests.Ordering;

/// <summary>
/// The order's state machine, pair by pair: every move the rules allow is in this table and every other move is
/// refused by the order itself (docs/decisions/0022). A change to the rules shows up here as a changed table.
/// </summary>
internal sealed class OrderStatusRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private static readonly HashSet<(OrderStatus From, OrderStatus To)> Expected =
    [
        (OrderStatus.Pending, OrderStatus.Paid),
        (OrderStatus.Pending, OrderStatus.Cancelled),
        (OrderStatus.Paid, OrderStatus.Processing),
        (OrderStatus.Paid, OrderStatus.Cancelled),
        (OrderStatus.Paid, OrderStatus.Refunded),
        (OrderStatus.Paid, OrderStatus.PartiallyRefunded),
        (OrderStatus.Processing, OrderStatus.Shipped),
        (OrderStatus.Processing, OrderStatus.Cancelled),
        (OrderStatus.Processing, OrderStatus.Refunded),
        (OrderStatus.Shipped, OrderStatus.Delivered),
        (OrderStatus.Shipped, OrderStatus.Refunded),
        (OrderStatus.Delivered, OrderStatus.Refunded),
        (OrderStatus.Delivered, OrderStatus.PartiallyRefunded),
        (OrderStatus.PartiallyRefunded, OrderStatus.PartiallyRefunded),
        (OrderStatus.PartiallyRefunded, OrderStatus.Refunded),
    ];

    private static IEnumerable<TestCaseData> AllPairs() =>
        from source in Enum.GetValues<OrderStatus>()
        from target in Enum.GetValues<OrderStatus>()
        select new TestCaseData(source, target).SetName($"{source} to {target}");

    [TestCaseSource(nameof(AllPairs))]
    public void Each_pair_is_allowed_exactly_when_the_table_says_so(OrderStatus from, OrderStatus to)
    {
        OrderStatusRules.CanMove(from, to).Should().Be(Expected.Contains((from, to)));

        var order = OrderIn(from);
        var move = () => order.MoveTo(to, "test", Now);
        if (Expected.Contains((from, to)))
        {
            move.Should().NotThrow();
            order.Status.Should().Be(to);
            order.History[^1].From.Should().Be(from);
            order.History[^1].To.Should().Be(to);
        }
        else
        {
            move.Should().Throw<OrderTransitionException>();
            order.Status.Should().Be(from, "a refused move changes nothing");
        }
    }

    [Test]
    public void Cancelled_and_refunded_are_final_and_every_status_is_reachable_from_pending()
    {
        OrderStatusRules.Next(OrderStatus.Cancelled).Should().BeEmpty();
        OrderStatusRules.Next(OrderStatus.Refunded).Should().BeEmpty();

        var reached = new HashSet<OrderStatus> { OrderStatus.Pending };
        var queue = new Queue<OrderStatus>(reached);
        while (queue.TryDequeue(out var status))
        {
            foreach (var next in OrderStatusRules.Next(status).Where(reached.Add))
            {
                queue.Enqueue(next);
            }
        }

        reached.Should().BeEquivalentTo(Enum.GetValues<OrderStatus>());
    }

    [Test]
    public void Every_status_reads_as_words_for_the_customer()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            OrderStatusRules.Describe(status).Should().NotBe(status.ToString().ToUpperInvariant()).And.NotBeNullOrWhiteSpace();
        }

        OrderStatusRules.Describe(OrderStatus.Pending).Should().Be("Awaiting payment");
        OrderStatusRules.Describe(OrderStatus.PartiallyRefunded).Should().Be("Partially refunded");
    }

    [Test]
    public void A_payment_marks_the_order_paid_once_however_often_it_is_told()
    {
        var order = Orders.New();
        var payment = Guid.NewGuid();
        order.MarkPaid(payment, Now).Should().Be(PaymentApplication.Applied);
        order.MarkPaid(payment, Now).Should().Be(PaymentApplication.AlreadyApplied);
        order.Status.Should().Be(OrderStatus.Paid);
        order.History.Count(h => h.To == OrderStatus.Paid).Should().Be(1);
        order.PaidPaymentId.Should().Be(payment);

        order.MarkPaid(Guid.NewGuid(), Now).Should().Be(PaymentApplication.PaidByAnotherPayment, "a second capture is a double charge, refunded");
    }

    [Test]
    public void A_payment_for_a_cancelled_order_is_not_applied()
    {
        var order = Orders.New();
        order.CancelUnpaid("Not paid in time", Now).Should().BeTrue();
        order.MarkPaid(Guid.NewGuid(), Now).Should().Be(PaymentApplication.OrderCancelled);
        order.Status.Should().Be(OrderStatus.Cancelled);
        order.CancelUnpaid("again", Now).Should().BeFalse();
    }

    [Test]
    public void A_paid_order_is_not_cancelled_as_unpaid()
    {
        var order = Orders.New();
        order.MarkPaid(Guid.NewGuid(), Now);
        order.CancelUnpaid("Not paid in time", Now).Should().BeFalse();
        order.Status.Should().Be(OrderStatus.Paid);
    }

    [Test]
    public void A_paid_guest_order_waits_for_its_customer_before_OrderPaid()
    {
        var guest = Orders.New(customerId: null);
        guest.MarkPaid(Guid.NewGuid(), Now);
        guest.PaidEventAwaitsCustomer.Should().BeTrue();
        guest.ClaimFor("user-1", Now).Should().BeTrue();
        guest.ClaimFor("user-2", Now).Should().BeFalse("an order is claimed once");
        guest.CustomerId.Should().Be("user-1");

        var customer = Orders.New(customerId: "user-3");
        customer.MarkPaid(Guid.NewGuid(), Now);
        customer.PaidEventAwaitsCustomer.Should().BeFalse();
    }

    [Test]
    public void Order_numbers_are_short_readable_and_not_sequential()
    {
        var numbers = Enumerable.Range(0, 1000).Select(_ => OrderNumber.New()).ToList();
        numbers.Should().OnlyHaveUniqueItems();
        numbers.Should().OnlyContain(n => OrderNumber.LooksValid(n) && n.Length <= OrderNumber.MaxLength);
        numbers.Should().OnlyContain(n => n.Substring(3).IndexOfAny(new[] { 'I', 'L', 'O', 'U' }) < 0);
        OrderNumber.LooksValid("NX-0000000I").Should().BeFalse();
        OrderNumber.LooksValid("../etc/pwd").Should().BeFalse();
        OrderNumber.LooksValid(null).Should().BeFalse();
    }

    private static Order OrderIn(OrderStatus status)
    {
        var order = Orders.New();
        OrderStatus[] path = status switch
        {
            OrderStatus.Pending => [],
            OrderStatus.Paid => [OrderStatus.Paid],
            OrderStatus.Processing => [OrderStatus.Paid, OrderStatus.Processing],
            OrderStatus.Shipped => [OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped],
            OrderStatus.Delivered => [OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered],
            OrderStatus.Cancelled => [OrderStatus.Cancelled],
            OrderStatus.Refunded => [OrderStatus.Paid, OrderStatus.Refunded],
            OrderStatus.PartiallyRefunded => [OrderStatus.Paid, OrderStatus.PartiallyRefunded],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path)
        {
            order.MoveTo(step, null, Now);
        }

        order.Status.Should().Be(status);
        return order;
    }
}
