using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Notifications.Email;

/// <summary>The <c>Notifications</c> section: where e-mail goes.</summary>
internal sealed class EmailSettings
{
    public const string Section = "Notifications";

    [Required]
    [EmailAddress]
    public string From { get; set; } = "shop@nexus.local";

    /// <summary>Attempts before a message is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    public SmtpSettings Smtp { get; set; } = new();
}
