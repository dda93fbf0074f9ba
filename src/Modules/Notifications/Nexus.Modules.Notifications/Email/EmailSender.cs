using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Modules.Notifications.Data;
using Nexus.Shared.Background;
using Nexus.Shared.Startup;

namespace Nexus.Modules.Notifications.Email;

/// <summary>
/// Delivers the e-mail outbox the way the event bus relays its outbox (docs/decisions/0012): a row committed with
/// the change that caused it, a relay woken after the commit (<see cref="WakeSignal"/>, and every few seconds for
/// retries), each message claimed with a conditional update first so several instances never send the same one twice
/// at once. SMTP when <c>Notifications:Smtp:Host</c> is set, otherwise .eml files in
/// <c>&lt;DataPath&gt;/mail-pickup</c>. A failed send is retried with the shared <see cref="RetryPolicy"/>
/// (<c>Notifications:RetryBaseDelay</c> / <c>MaxRetryDelay</c>); after <see cref="EmailSettings.MaxAttempts"/> the
/// message is Failed, shown as such in <c>/admin/mail</c> (the e-mail's dead letter).
/// </summary>
internal sealed partial class EmailSender : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    private readonly IServiceScopeFactory scopes;
    private readonly WakeSignal signal = new();
    private readonly IOptions<EmailSettings> settings;
    private readonly IOptions<NexusOptions> nexus;
    private readonly TimeProvider time;
    private readonly ILogger<EmailSender> logger;

    public EmailSender(IServiceScopeFactory scopes, IOptions<EmailSettings> settings, IOptions<NexusOptions> nexus, TimeProvider time, ILogger<EmailSender> logger)
    {
        this.scopes = scopes;
        this.settings = settings;
        this.nexus = nexus;
        this.time = time;
        this.logger = logger;
    }

    public string PickupFolder => Path.Combine(nexus.Value.DataPath, "mail-pickup");

    /// <summary>Something was committed to the outbox: send it now rather than at the next poll.</summary>
    public void Wake() => signal.Wake();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Poll;
            try
            {
                while (await SendDueAsync(stoppingToken) > 0)
                {
                    // Keep going while there is work.
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is unreachable, say: back off like every other relay loop, then look again.
                failures++;
                wait = RetryPolicy.Reconnect.DelayAfter(failures);
                LogLoopFailed(logger, wait.TotalMilliseconds, e);
            }

            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due now; returns how many messages it handled.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Emails.AsNoTracking()
            .Where(e => e.Status == EmailStatus.Pending && e.NextAttemptAt <= now && (e.ClaimedUntil == null || e.ClaimedUntil < now))
            .OrderBy(e => e.NextAttemptAt)
            .Select(e => e.Id)
            .Take(20)
            .ToListAsync(cancellationToken);

        var handled = 0;
        foreach (var id in due)
        {
            var claimedUntil = now + ClaimFor;
            var claimed = await db.Emails
                .Where(e => e.Id == id && e.Status == EmailStatus.Pending && (e.ClaimedUntil == null || e.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, claimedUntil), cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance has it
            }

            var email = await db.Emails.SingleAsync(e => e.Id == id, cancellationToken);
            try
            {
                await DeliverAsync(email, cancellationToken);
                email.Status = EmailStatus.Sent;
                email.SentAt = time.GetUtcNow().UtcDateTime;
                email.LastError = null;
            }
            catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                email.Attempts++;
                email.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                if (email.Attempts >= settings.Value.MaxAttempts)
                {
                    email.Status = EmailStatus.Failed;
                    LogGaveUp(logger, email.Id, email.Attempts, e);
                }
                else
                {
                    email.NextAttemptAt = time.GetUtcNow().UtcDateTime + settings.Value.Retries().DelayAfter(email.Attempts);
                    LogWillRetry(logger, email.Id, email.Attempts, e.Message);
                }
            }

            email.Attempts += email.Status == EmailStatus.Sent ? 1 : 0;
            email.ClaimedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
            handled++;
        }

        return handled;
    }

    private async Task DeliverAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        using var message = new MailMessage(settings.Value.From, email.To) { Subject = email.Subject, Body = email.TextBody };
        message.Headers.Add("Message-ID", $"<{email.Id:N}@nexus>");
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.HtmlBody, System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        using var client = new SmtpClient();
        var smtp = settings.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            Directory.CreateDirectory(PickupFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupFolder;
        }
        else
        {
            client.Host = smtp.Host;
            client.Port = smtp.Port;
            client.EnableSsl = smtp.EnableSsl;
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
            }
        }

        await client.SendMailAsync(message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The e-mail sender loop failed; it looks again in {DelayMs} ms")]
    private static partial void LogLoopFailed(ILogger logger, double delayMs, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {Id} failed (attempt {Attempts}): {Error}; will retry")]
    private static partial void LogWillRetry(ILogger logger, Guid id, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {Id} failed {Attempts} times and was given up")]
    private static partial void LogGaveUp(ILogger logger, Guid id, int attempts, Exception exception);
}
