using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Notifications.Email;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Notifications;

/// <summary>
/// The outbox delivers to the pickup folder, only what was committed, and retries with the shared policy then gives up
/// on an SMTP server that is not there.
/// </summary>
internal sealed class EmailOutboxTests
{
    [Test]
    public async Task A_queued_message_is_written_to_the_pickup_folder_and_marked_sent()
    {
        using var host = new NexusHostFactory();
        var id = await SendAsync(host, "pickup@example.com");

        await MailPickup.WaitForLinkAsync(host.DataPath, "pickup@example.com", "/reset-here");
        await Eventually.TrueAsync(async () => (await LoadAsync(host, id)).Status == EmailStatus.Sent, TimeSpan.FromSeconds(10), "the message should be marked sent");
        MailPickup.Messages(host.DataPath).Should().ContainSingle(m => m.Contains("Subject: Reset your Nexus password", StringComparison.Ordinal));
    }

    [Test]
    public async Task An_unreachable_smtp_server_is_retried_and_the_message_ends_failed_with_the_error()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:EnableSsl"] = "false",
            ["Notifications:MaxAttempts"] = "2",
        });
        var id = await SendAsync(host, "nowhere@example.com");

        // The first attempt fails at once; the retry is due 15–30 s later (the default policy) — bring it forward instead of waiting.
        await Eventually.TrueAsync(async () => (await LoadAsync(host, id)).Attempts == 1, TimeSpan.FromSeconds(15), "the first attempt should fail");
        var first = await LoadAsync(host, id);
        first.Status.Should().Be(EmailStatus.Pending);
        first.NextAttemptAt.Should().BeAfter(DateTime.UtcNow.AddSeconds(5));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await db.Emails.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)));
        }

        // Whichever sends it — this call or the background sender's next poll — the claim lets only one try.
        await host.Service<EmailSender>().SendDueAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => (await LoadAsync(host, id)).Status == EmailStatus.Failed, TimeSpan.FromSeconds(10), "the second failure should give up");
        var last = await LoadAsync(host, id);
        last.Status.Should().Be(EmailStatus.Failed);
        last.Attempts.Should().Be(2);
        last.LastError.Should().NotBeNullOrEmpty();
        MailPickup.Messages(host.DataPath).Should().BeEmpty();
    }

    [Test]
    public async Task A_message_queued_in_a_transaction_that_rolls_back_is_never_sent()
    {
        using var host = new NexusHostFactory();
        Guid id;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // The caller's transaction surrounds the command: the unit of work saves into it, and it is rolled back.
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            id = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(Reset("rolled-back@example.com"));
            (await db.Emails.CountAsync(e => e.Id == id)).Should().Be(1, "the row is written inside the transaction");
            await transaction.RollbackAsync();
        }

        // Longer than the sender's poll: had the row survived, it would have been sent by now.
        await SendAsync(host, "after@example.com");
        await MailPickup.WaitForLinkAsync(host.DataPath, "after@example.com", "/reset-here");
        await Task.Delay(TimeSpan.FromSeconds(4));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Emails.CountAsync(e => e.Id == id)).Should().Be(0);
        }

        MailPickup.Messages(host.DataPath).Should().NotContain(m => m.Contains("rolled-back@example.com", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_message_queued_in_a_transaction_wakes_the_sender_when_that_transaction_commits()
    {
        using var host = new NexusHostFactory();
        // Let the sender settle into its poll (3 s) first, so only a wake-up explains a quick delivery.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(Reset("committed@example.com"));
            // A wake-up fired inside the transaction (as SavedChanges did) finds nothing yet and is spent here.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await transaction.CommitAsync();
        }

        var committedAt = System.Diagnostics.Stopwatch.StartNew();
        await MailPickup.WaitForLinkAsync(host.DataPath, "committed@example.com", "/reset-here");
        committedAt.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the commit wakes the sender; it does not wait for its poll");
    }

    [Test]
    public async Task A_failing_smtp_send_is_retried_with_the_shared_policy_then_shown_failed_in_the_back_office()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:EnableSsl"] = "false",
            ["Notifications:MaxAttempts"] = "3",
            ["Notifications:RetryBaseDelay"] = "00:00:01",
            ["Notifications:MaxRetryDelay"] = "00:00:01.500",
        }).WithTestAuthentication();
        var id = await SendAsync(host, "refused@example.com");

        await Eventually.TrueAsync(async () => (await LoadAsync(host, id)).Attempts == 1, TimeSpan.FromSeconds(15), "the first attempt should fail");
        var first = await LoadAsync(host, id);
        first.Status.Should().Be(EmailStatus.Pending);
        // The policy's first delay: 1 s scaled by 50–100 % (and never the old uncapped 5·2^n s).
        first.NextAttemptAt.Should().BeOnOrAfter(first.CreatedAt.AddMilliseconds(500)).And.BeBefore(DateTime.UtcNow.AddSeconds(1.1));

        await Eventually.TrueAsync(async () => (await LoadAsync(host, id)).Status == EmailStatus.Failed, TimeSpan.FromSeconds(30), "the third failure should give up");
        var last = await LoadAsync(host, id);
        last.Attempts.Should().Be(3);
        last.LastError.Should().NotBeNullOrEmpty();

        using var admin = host.CreateClientAs("mail-admin", NexusRoles.Admin);
        var page = await admin.GetStringAsync(new Uri("/admin/mail?status=Failed", UriKind.Relative));
        page.Should().Contain("refused@example.com").And.Contain(nameof(EmailStatus.Failed));
    }

    private static SendEmail Reset(string to) =>
        new(to, EmailTemplates.ResetPassword, new Dictionary<string, string> { ["Link"] = "https://shop.example/reset-here?code=1" });

    private static async Task<Guid> SendAsync(NexusHostFactory host, string to)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(Reset(to));
    }

    private static async Task<OutboxEmail> LoadAsync(NexusHostFactory host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Emails.AsNoTracking().SingleAsync(e => e.Id == id);
    }
}
