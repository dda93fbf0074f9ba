using System.Text.RegularExpressions;
using Cronos;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Reads a cron schedule from configuration in Hangfire's format — five fields, minute first
/// (<c>minute hour day-of-month month day-of-week</c>, e.g. <c>30 3 * * *</c>), evaluated in UTC — and
/// still accepts what the previous scheduler's settings used, where that can be read without doubt.
/// </summary>
/// <remarks>
/// The old format put seconds first, had an optional seventh field (year) and wrote <c>?</c> for "no specific
/// value" (<c>0 30 3 * * ?</c>, the old default). Such a value is translated when the seconds are 0, the year is
/// absent or <c>*</c>, and the day of week is <c>?</c>, <c>*</c> or names (MON-FRI): then dropping the seconds and
/// reading <c>?</c> as <c>*</c> keeps its meaning. Numbered days of week are refused rather than guessed: the old
/// format counted 1 = Sunday, Hangfire counts 0 = Sunday, so <c>2</c> would silently move a job by a day.
/// Anything else that does not parse fails start-up with one line naming the setting and the format.
/// </remarks>
public static partial class CronSetting
{
    /// <summary>What the refusal message shows as the format to use.</summary>
    public const string FormatHint = "use 5 fields, minute first, in UTC (minute hour day-of-month month day-of-week), e.g. \"30 3 * * *\" for 03:30 every day";

    /// <summary>
    /// The schedule in <paramref name="value"/>, or <paramref name="defaultCron"/> when it is empty.
    /// </summary>
    /// <param name="setting">The configuration key, named in the error.</param>
    /// <param name="value">The configured text (may be null).</param>
    /// <param name="defaultCron">The 5-field default.</param>
    /// <param name="translatedFrom">The original text when an old seconds-first value was translated, else null.</param>
    /// <exception cref="StartupConfigurationException">The value is neither valid nor safely translatable.</exception>
    public static string Parse(string setting, string? value, string defaultCron, out string? translatedFrom)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        translatedFrom = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultCron;
        }

        var text = value.Trim();
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 5)
        {
            return IsValid(text)
                ? string.Join(' ', fields)
                : throw new StartupConfigurationException(setting, $"'{text}' is not a valid cron expression; {FormatHint}");
        }

        if (fields.Length is 6 or 7 && TryTranslateSecondsFirst(fields, out var translated) && IsValid(translated))
        {
            translatedFrom = text;
            return translated;
        }

        var problem = fields.Length is 6 or 7
            ? $"'{text}' is in the old seconds-first format and cannot be translated without changing its meaning"
            : $"'{text}' is not a valid cron expression";
        throw new StartupConfigurationException(setting, $"{problem}; {FormatHint}");
    }

    /// <summary>Parses without a fallback, for callers that already hold a value (e.g. a module's own cron).</summary>
    public static string Parse(string setting, string value) => Parse(setting, value, string.Empty, out _) is { Length: > 0 } cron
        ? cron
        : throw new StartupConfigurationException(setting, $"is empty; {FormatHint}");

    /// <summary>True for a 5-field expression Hangfire's parser (Cronos) accepts.</summary>
    public static bool IsValid(string cron)
    {
        try
        {
            _ = CronExpression.Parse(cron, CronFormat.Standard);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    private static bool TryTranslateSecondsFirst(string[] fields, out string translated)
    {
        translated = string.Empty;
        var (seconds, minute, hour, dayOfMonth, month, dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        var year = fields.Length == 7 ? fields[6] : "*";
        if (seconds != "0" || year != "*" || NumberedDayOfWeek().IsMatch(dayOfWeek))
        {
            return false;
        }

        translated = string.Join(' ', minute, hour, dayOfMonth == "?" ? "*" : dayOfMonth, month, dayOfWeek == "?" ? "*" : dayOfWeek);
        return true;
    }

    // A digit that is not the "#n" of "FRI#2" (the nth weekday of the month, the same in both formats).
    [GeneratedRegex(@"(?<!#)\d")]
    private static partial Regex NumberedDayOfWeek();
}
