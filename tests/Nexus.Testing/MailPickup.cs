using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Testing;

/// <summary>
/// Reads the .eml files Nexus writes to <c>&lt;DataPath&gt;/mail-pickup</c> when no SMTP server is configured,
/// so tests can follow the links in the messages a shopper receives.
/// </summary>
public static partial class MailPickup
{
    /// <summary>Waits for a message to <paramref name="to"/> containing <paramref name="linkPath"/> and returns that link.</summary>
    public static async Task<string> WaitForLinkAsync(string dataPath, string to, string linkPath, TimeSpan? timeout = null)
    {
        string? link = null;
        await Eventually.TrueAsync(
            () =>
            {
                link = Messages(dataPath)
                    .Where(m => m.Contains($"To: {to}", StringComparison.OrdinalIgnoreCase))
                    .Select(m => Regex.Match(m, $@"https?://[^\s""<>]+{Regex.Escape(linkPath)}(\?[^\s""<>]+)?"))
                    .Where(match => match.Success)
                    .Select(match => match.Value)
                    .LastOrDefault();
                return Task.FromResult(link is not null);
            },
            timeout ?? TimeSpan.FromSeconds(15),
            $"an e-mail to {to} with a {linkPath} link should arrive in the pickup folder");
        return link!;
    }

    /// <summary>Every message in the pickup folder, oldest first, with quoted-printable soft breaks and escapes undone.</summary>
    public static IReadOnlyList<string> Messages(string dataPath)
    {
        var folder = Path.Combine(dataPath, "mail-pickup");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.eml")
            .Select(f => new FileInfo(f))
            .OrderBy(f => f.CreationTimeUtc)
            .Select(f => DecodeQuotedPrintable(File.ReadAllText(f.FullName)))
            .ToList();
    }

    private static string DecodeQuotedPrintable(string text) =>
        QuotedByte().Replace(text.Replace("=\r\n", string.Empty, StringComparison.Ordinal).Replace("=\n", string.Empty, StringComparison.Ordinal),
            m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex("=([0-9A-F]{2})")]
    private static partial Regex QuotedByte();
}
