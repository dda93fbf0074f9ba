namespace Nexus.Shared.Web;

/// <summary>
/// The correlation id of the work in progress (an HTTP request today; an event handler later), readable
/// anywhere without passing it around.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";

    private static readonly AsyncLocal<string?> CurrentValue = new();

    public static string? Current
    {
        get => CurrentValue.Value;
        set => CurrentValue.Value = value;
    }

    /// <summary>Accepts a caller's id only when it is short and plain, so it is safe in logs and headers.</summary>
    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static string NewId() => Guid.NewGuid().ToString("N");
}
