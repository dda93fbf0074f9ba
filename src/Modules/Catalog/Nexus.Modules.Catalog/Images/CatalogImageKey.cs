using System.Text.RegularExpressions;

namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// What may name an image: lower-case letters, digits and inner dashes, at most 64 characters. Nothing else ever
/// reaches a file path — no dots, slashes or backslashes — so a key cannot leave the store's folder.
/// </summary>
internal static partial class CatalogImageKey
{
    public const string MediaPathPrefix = "/media/catalog/";

    public static bool IsValid(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static void EnsureValid(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException("An image key is 1–64 lower-case letters, digits and inner dashes.", nameof(key));
        }
    }

    /// <summary>A fresh key for an uploaded image (never reused, so its URLs can be cached for a year).</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");

    /// <summary>The URL an image is served at: <c>/media/catalog/{key}-{s|m|l}.webp</c>.</summary>
    public static string Url(string key, CatalogImageSize size) => $"{MediaPathPrefix}{key}-{size.Letter()}.webp";

    /// <summary>Reads <c>{key}-{s|m|l}.webp</c>; false for anything else.</summary>
    public static bool TryParseFileName(string? fileName, out string key, out CatalogImageSize size)
    {
        key = string.Empty;
        size = default;
        var match = fileName is null ? Match.Empty : FileNamePattern().Match(fileName);
        if (!match.Success || !CatalogImageSizes.TryParse(match.Groups["size"].Value[0], out size))
        {
            return false;
        }

        key = match.Groups["key"].Value;
        return true;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^(?<key>[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)-(?<size>[sml])\\.webp$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
