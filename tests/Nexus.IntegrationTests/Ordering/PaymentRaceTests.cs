using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features;
using Nexus.Modules.Ordering.Features.Payment;
using Nexus.Modules.Payments.Contracts;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// The shopper's request learns "captured" while something else changes the order at the same moment (issue 15):
/// the request read the order, then the unpaid-order job cancelled it, or the webhook marked it paid, before the
/// request's commit. The lost race is decided from the order's real state — never answered "paid" blindly — and the
/// "payment received" e-mail goes once per order whoever wins.
/// </summary>
internal sealed class PaymentRaceTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = OrderingShop.Host();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task A_capture_that_loses_to_the_unpaid_order_job_refunds_in_full_and_tells_the_shopper_the_order_is_cancelled()
    {
        var variant = await host.ProductAsync("RACE-CANCEL", 3);
        using var guest = host.Guest();
        using var declined = await guest.BuyAsync(variant, OrderingShop.DeclineCard);
        var number = OrderingShop.NumberIn(declined.Location());
        var order = await host.OrderAsync(number);

        await using var request = host.Services.CreateAsyncScope();
        // The shopper's request has read the order (pending) ...
        _ = await request.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders.Include(o => o.Lines).Include(o => o.History).SingleAsync(o => o.Id == order.Id);
        // ... the job cancels it meanwhile, and the provider captures the card anyway.
        (await host.SendAsync(new CancelUnpaidOrder(order.Id, "Not paid in time"))).Should().BeTrue();
        var payment = await host.SendAsync(new CreatePayment(number, order.TotalMinor, order.Currency, $"/checkout/payment/return?order={number}"));
        var captured = await host.SendAsync(new ConfirmPayment(payment.PaymentId, OrderingShop.SuccessCard));
        captured!.Status.Should().Be(PaymentStatus.Succeeded);

        var step = await request.ServiceProvider.GetRequiredService<CheckoutPayment>().RecordCaptureAsync(captured, CancellationToken.None);

        step.Kind.Should().Be(PaymentStepKind.Cancelled, "the order was cancelled: the shopper must not be told it is paid");
        (await host.OrderAsync(number)).Status.Should().Be(OrderStatus.Cancelled);
        await Eventually.TrueAsync(
            async () => (await host.SendAsync(new GetPayment(payment.PaymentId)))!.Status == PaymentStatus.Refunded,
            TimeSpan.FromSeconds(10),
            "the capture for a cancelled order is refunded in full");
        (await host.OrderingAsync(db => db.Outbox.CountAsync(m => m.Name == "ordering.order-payment-received" && m.Payload.Contains(number)))).Should().Be(0);
        var page = await guest.GetStringAsync($"/checkout/confirmation/{number}");
        page.Should().Contain("refunded in full");
    }

    [Test]
    public async Task A_capture_that_loses_to_its_own_webhook_answers_paid_and_the_payment_received_email_goes_once()
    {
        var variant = await host.ProductAsync("RACE-PAID", 3);
        using var guest = host.Guest();
        using var declined = await guest.BuyAsync(variant, OrderingShop.DeclineCard);
        var location = declined.Location();
        var number = OrderingShop.NumberIn(location);

        await using var request = host.Services.CreateAsyncScope();
        // The confirm answer's request has read the order (pending) ...
        _ = await request.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders.Include(o => o.Lines).Include(o => o.History).SingleAsync(o => o.Number == number);
        // ... while another telling (the pay page here, the webhook in life) marks it paid first.
        using var paid = await guest.PostFormAsync(location, new Dictionary<string, string> { ["CardNumber"] = OrderingShop.SuccessCard });
        paid.Location().Should().Be($"/checkout/confirmation/{number}");
        var captured = (await host.SendAsync(new GetPaymentsForOrder(number))).Single(p => p.Status == PaymentStatus.Succeeded);

        var step = await request.ServiceProvider.GetRequiredService<CheckoutPayment>().RecordCaptureAsync(captured, CancellationToken.None);

        step.Kind.Should().Be(PaymentStepKind.Paid);
        (await host.OrderAsync(number)).Status.Should().Be(OrderStatus.Paid);
        await Eventually.TrueAsync(async () => await PaidEmailsAsync(number) >= 1, TimeSpan.FromSeconds(10), "the payment-received e-mail is queued");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        (await PaidEmailsAsync(number)).Should().Be(1, "three tellings of one capture (page, event, the lost request) send one e-mail");
        (await host.OrderingAsync(db => db.Outbox.CountAsync(m => m.Name == "ordering.order-payment-received" && m.Payload.Contains(number)))).Should().Be(1);
        (await GetPaymentStatusAsync(captured.PaymentId)).Should().Be(PaymentStatus.Succeeded, "the same payment telling again is no second charge to refund");
    }

    private async Task<int> PaidEmailsAsync(string number)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Emails.CountAsync(e => e.Template == EmailTemplates.OrderPaid && e.TextBody.Contains(number));
    }

    private async Task<PaymentStatus> GetPaymentStatusAsync(Guid paymentId) => (await host.SendAsync(new GetPayment(paymentId)))!.Status;
}
