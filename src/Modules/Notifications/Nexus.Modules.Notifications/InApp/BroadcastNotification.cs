using FluentValidation;
using MediatR;
using Nexus.Modules.Identity.Contracts.Events;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Notifications.Live;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.InApp;

/// <summary>
/// An admin's message to every signed-in shopper's notification centre (a sale, a delivery delay). Recorded in the
/// back office's audit log; open pages update their bell at once.
/// </summary>
internal sealed record BroadcastNotification(string ActorId, string ActorEmail, string Title, string Body, string? Link) : ICommand<Guid>;

internal sealed class BroadcastNotificationValidator : AbstractValidator<BroadcastNotification>
{
    public BroadcastNotificationValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the message a title.")
            .MaximumLength(InAppNotification.TitleMaxLength).WithMessage($"A title is at most {InAppNotification.TitleMaxLength} characters.");
        RuleFor(c => c.Body).NotEmpty().WithMessage("Write the message.")
            .MaximumLength(InAppNotification.BodyMaxLength).WithMessage($"A message is at most {InAppNotification.BodyMaxLength} characters.");
        RuleFor(c => c.Link)
            .Must(ShopLinks.IsShopPath).When(c => !string.IsNullOrEmpty(c.Link))
            .WithMessage("A link is a path in this shop, starting with / (e.g. /products?sort=newest).");
    }
}

internal sealed class BroadcastNotificationHandler(NotificationsDbContext db, IIntegrationEventPublisher events, LiveAfterCommit live, TimeProvider clock)
    : IRequestHandler<BroadcastNotification, Guid>
{
    public async Task<Guid> Handle(BroadcastNotification request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entry = new InAppNotification
        {
            Id = Guid.CreateVersion7(),
            UserId = null,
            Kind = NotificationKinds.Broadcast,
            Title = request.Title.Trim(),
            Body = request.Body.Trim(),
            Link = string.IsNullOrWhiteSpace(request.Link) ? null : request.Link.Trim(),
            CreatedAt = now.UtcDateTime,
        };
        db.InApp.Add(entry);
        events.Publish(new StaffActionRecorded(request.ActorId, request.ActorEmail, "notification.broadcast", entry.Id.ToString(), entry.Title, entry.Body, now));
        // Everyone's connection is in the stock group; pages without a bell (visitors) ignore it.
        await live.QueueAsync((push, ct) => push.ToEveryoneAsync(new LiveMessage(LiveMessageTypes.NotificationCreated, 1, new { kind = entry.Kind }), ct));
        return entry.Id;
    }
}

/// <summary>Links in notifications lead into the shop, never elsewhere (an open redirect through the bell).</summary>
internal static class ShopLinks
{
    public static bool IsShopPath(string? link) =>
        link is { Length: > 0 and <= InAppNotification.LinkMaxLength }
        && link[0] == '/'
        && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
        && !link.Any(char.IsControl);
}
