using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Notifications.Contracts;

/// <summary>
/// Queue an e-mail built from one of <see cref="EmailTemplates"/>: it is written to the outbox with the
/// sender's other changes and delivered (with retries) by the background sender. Returns the message id.
/// Values are inserted as text (HTML-encoded in the HTML part).
/// </summary>
public sealed record SendEmail(string To, string Template, IReadOnlyDictionary<string, string> Values) : ICommand<Guid>;
