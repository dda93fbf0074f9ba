using MediatR;
using Microsoft.Extensions.Options;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Modules.Notifications.Data;
using Nexus.Shared.Startup;

namespace Nexus.Modules.Notifications.Email;

/// <summary>Renders the message and puts it in the outbox; the unit of work commits it, then the sender is woken.</summary>
internal sealed class SendEmailHandler : IRequestHandler<SendEmail, Guid>
{
    private readonly NotificationsDbContext db;
    private readonly EmailTemplateRenderer renderer;
    private readonly EmailSenderSignal signal;
    private readonly IOptions<NexusOptions> shop;
    private readonly TimeProvider time;

    public SendEmailHandler(NotificationsDbContext db, EmailTemplateRenderer renderer, EmailSenderSignal signal, IOptions<NexusOptions> shop, TimeProvider time)
    {
        this.db = db;
        this.renderer = renderer;
        this.signal = signal;
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
        // Woken after the commit (the sender re-reads the outbox when the unit of work has saved).
        db.SavedChanges += (_, _) => signal.Wake();
        return Task.FromResult(email.Id);
    }
}
