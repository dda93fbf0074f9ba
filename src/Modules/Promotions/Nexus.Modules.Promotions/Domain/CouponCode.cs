using System.Text.RegularExpressions;

namespace Nexus.Modules.Promotions.Domain;

/// <summary>
/// A coupon code's one spelling: upper case, trimmed, 3–32 of A–Z, 0–9, '-' and '_'. Codes are stored normalised and
/// compared normalised, so "welcome10 " and "WELCOME10" are the same code (unique without regard to case).
/// </summary>
internal static partial class CouponCode
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    public const string Rule = "3–32 characters: letters A–Z, digits, '-' and '_'.";

    public static string Normalise(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>True when <paramref name="normalised"/> is a code the shop could have written.</summary>
    public static bool IsValid(string normalised) => ValidCode().IsMatch(normalised);

    [GeneratedRegex("^[A-Z0-9_-]{3,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidCode();
}
