using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Notifications.Email;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Notifications;

/// <summary>The outbox delivers to the pickup folder, and retries then gives up on an SMTP server that is not there.</summary>
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

        // The first attempt fails at once; the retry is due 10 s later — bring it forward instead of waiting.
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

    private static async Task<Guid> SendAsync(NexusHostFactory host, string to)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendEmail(to, EmailTemplates.ResetPassword, new Dictionary<string, string> { ["Link"] = "https://shop.example/reset-here?code=1" }));
    }

    private static async Task<OutboxEmail> LoadAsync(NexusHostFactory host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Emails.AsNoTracking().SingleAsync(e => e.Id == id);
    }
}
