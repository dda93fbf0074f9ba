using MediatR;
using Microsoft.Extensions.Options;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Modules.Notifications.Data;
using Nexus.Shared.Application;
using Nexus.Shared.Startup;

namespace Nexus.Modules.Notifications.Email;

/// <summary>
/// Renders the message and puts it in the outbox; the unit of work commits it, then the sender is woken. The
/// wake-up goes through <see cref="AfterCommit"/>: queued inside a caller's transaction it waits for that
/// transaction's commit, and a rollback drops it with the row (the sender never sees a message that was not kept).
/// </summary>
internal sealed class SendEmailHandler : IRequestHandler<SendEmail, Guid>
{
    private readonly NotificationsDbContext db;
    private readonly EmailTemplateRenderer renderer;
    private readonly EmailSender sender;
    private readonly AfterCommit afterCommit;
    private readonly IOptions<NexusOptions> shop;
    private readonly TimeProvider time;

    public SendEmailHandler(NotificationsDbContext db, EmailTemplateRenderer renderer, EmailSender sender, AfterCommit afterCommit, IOptions<NexusOptions> shop, TimeProvider time)
    {
        this.db = db;
        this.renderer = renderer;
        this.sender = sender;
        this.afterCommit = afterCommit;
        this.shop = shop;
        this.time = time;
    }

    public Task<Guid> Handle(SendEmail request, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(request.Values, StringComparer.Ordinal) { ["ShopName"] = shop.Value.ShopName };
        var rendered = renderer.Render(request.Template, values);
        var now = time.GetUtcNow().UtcDateTime;
        var email = new OutboxEmail
        {
            To = request.To,
            Template = request.Template,
            Subject = rendered.Subject,
            TextBody = rendered.Text,
            HtmlBody = rendered.Html,
            Status = EmailStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Emails.Add(email);
        afterCommit.Enqueue(db, _ =>
        {
            sender.Wake();
            return Task.CompletedTask;
        });
        return Task.FromResult(email.Id);
    }
}
