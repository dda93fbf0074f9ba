using System.Security.Cryptography;

namespace Nexus.Modules.Licensing.Domain;

/// <summary>
/// Keys look like <c>NX7K2-M9QPD-4TWHB-XC3RF-8VJLA</c>: 25 characters from an alphabet without look-alikes
/// (no 0/O, 1/I), 120 bits of randomness — unguessable, and easy to read out over the phone.
/// </summary>
internal static class LicenseKeyFormat
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string NewKey()
    {
        Span<char> chars = stackalloc char[29];
        var bytes = RandomNumberGenerator.GetBytes(25);
        var j = 0;
        for (var i = 0; i < 25; i++)
        {
            if (i > 0 && i % 5 == 0)
            {
                chars[j++] = '-';
            }

            chars[j++] = Alphabet[bytes[i] % Alphabet.Length];
        }

        return new string(chars);
    }

    /// <summary>What people type: any case, spaces or missing dashes.</summary>
    public static string Normalise(string input)
    {
        var raw = new string((input ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return raw.Length != 25 ? raw : string.Join('-', Enumerable.Range(0, 5).Select(i => raw.Substring(i * 5, 5)));
    }
}
