using System.ComponentModel.DataAnnotations;
using Nexus.Shared.Background;

namespace Nexus.Modules.Notifications.Email;

/// <summary>The <c>Notifications</c> section: where e-mail goes.</summary>
internal sealed class EmailSettings : IValidatableObject
{
    public const string Section = "Notifications";

    [Required]
    [EmailAddress]
    public string From { get; set; } = "shop@nexus.local";

    /// <summary>Attempts before a message is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Delay before the first retry of a failed send; doubled per attempt, jittered, up to <see cref="MaxRetryDelay"/>
    /// (the shared <see cref="RetryPolicy"/>). Longer than the event bus's: an SMTP server that refused a message
    /// rarely accepts it a second later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The shared <see cref="RetryPolicy"/> with these settings (a method: the binder must not see it).</summary>
    public RetryPolicy Retries() => new(RetryBaseDelay, MaxRetryDelay);

    public SmtpSettings Smtp { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("RetryBaseDelay must be positive and MaxRetryDelay at least as long.", [nameof(RetryBaseDelay), nameof(MaxRetryDelay)]);
        }
    }
}
