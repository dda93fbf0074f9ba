using System.Security.Cryptography;

namespace Nexus.Modules.Ordering.Domain;

/// <summary>
/// Human-friendly order numbers: <c>NX-</c> and eight characters of Crockford's base32 (no I, L, O, U: nothing to
/// misread on the phone), random rather than sequential so a number says nothing about the shop's volume and the
/// next one cannot be guessed. About 10^12 values; the unique index catches the rare collision and placing retries.
/// </summary>
internal static class OrderNumber
{
    public const int MaxLength = 16;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() => "NX-" + RandomNumberGenerator.GetString(Alphabet, 8);

    /// <summary>True when <paramref name="value"/> looks like an order number (cheap filter for URLs before any query).</summary>
    public static bool LooksValid(string? value) =>
        value is { Length: 11 } && value.StartsWith("NX-", StringComparison.Ordinal) && value.AsSpan(3).IndexOfAnyExcept(Alphabet) < 0;
}
