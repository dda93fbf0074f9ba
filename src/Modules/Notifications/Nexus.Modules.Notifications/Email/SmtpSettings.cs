namespace Nexus.Modules.Notifications.Email;

/// <summary><c>Notifications:Smtp</c>. No host: messages are written as .eml files to <c>&lt;DataPath&gt;/mail-pickup</c>.</summary>
internal sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
