namespace Nexus.Modules.Notifications.Email;

internal sealed record RenderedEmail(string Subject, string Text, string Html);
