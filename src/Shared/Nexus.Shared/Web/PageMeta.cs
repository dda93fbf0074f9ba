using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Nexus.Shared.Web;

/// <summary>
/// What a page tells machines about itself: its title, meta description, canonical URL, Open Graph tags, optional
/// JSON-LD blocks and whether search engines should index it. A page (its model or its view) fills it in through
/// <c>ViewData.PageMeta()</c>; the shop's layout renders it in <c>&lt;head&gt;</c>. Absolute URLs (canonical,
/// <c>og:url</c>, <c>og:image</c>) are built by the layout from <see cref="PublicUrl"/>, never from the request's
/// <c>Host</c>, so a forged Host header cannot make the shop advertise someone else's address.
/// </summary>
public sealed class PageMeta
{
    /// <summary>The <c>ViewData</c> key the page and the layout share.</summary>
    public const string ViewDataKey = "Nexus.PageMeta";

    /// <summary>Descriptions longer than this are cut (at a word) — search engines show about 155–160 characters.</summary>
    public const int DescriptionLimit = 160;

    private static readonly JsonSerializerOptions JsonLdOptions = new()
    {
        // The default encoder escapes <, >, &, ' and + (as \u003C …), so no value can close the <script> element
        // ("</script>") or open a comment ("<!--") inside it; JSON-LD readers decode the escapes as usual.
        Encoder = JavaScriptEncoder.Default,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    private string? description;

    /// <summary>The page's own title; the layout appends the shop's name (<c>Title · Shop</c>). Empty: the shop's name alone.</summary>
    public string? Title { get; set; }

    /// <summary>The meta description (and <c>og:description</c>): one or two plain sentences about this page.</summary>
    public string? Description
    {
        get => description;
        set => description = Shorten(value);
    }

    /// <summary>
    /// The canonical address as a root-relative path with the query that matters (<c>/categories/games?p=2</c>).
    /// Not set: the request's path without its query string. The layout makes it absolute under <c>Nexus:PublicUrl</c>.
    /// </summary>
    public string? CanonicalPath { get; set; }

    /// <summary>
    /// Ask search engines not to index this page (<c>noindex</c>). The layout also sets it on its own for account,
    /// back-office and sub-app pages and for error responses; a search page sets it when nothing matched.
    /// </summary>
    public bool NoIndex { get; set; }

    /// <summary><c>og:type</c>: <c>website</c> unless a page says otherwise (<c>product</c>, <c>article</c>).</summary>
    public string OpenGraphType { get; set; } = "website";

    /// <summary>An image for link previews (<c>og:image</c>): root-relative (<c>/media/catalog/…-l.webp</c>).</summary>
    public string? ImagePath { get; set; }

    /// <summary>The preview image's text alternative (<c>og:image:alt</c>).</summary>
    public string? ImageAlt { get; set; }

    /// <summary>
    /// Structured data (schema.org objects — a <c>JsonObject</c>, a dictionary or a record with
    /// <c>[JsonPropertyName("@type")]</c>) rendered as <c>&lt;script type="application/ld+json"&gt;</c> blocks, one each.
    /// </summary>
    public IList<object> JsonLd { get; } = [];

    /// <summary>The full <c>&lt;title&gt;</c>: <c>Title · Shop</c>, or the shop's name alone.</summary>
    public string FullTitle(string shopName) => string.IsNullOrWhiteSpace(Title) ? shopName : $"{Title} · {shopName}";

    /// <summary>
    /// One JSON-LD block's text, safe to write unencoded between <c>&lt;script type="application/ld+json"&gt;</c>
    /// and <c>&lt;/script&gt;</c>: HTML-significant characters are JSON escapes, so the text cannot end the element.
    /// </summary>
    public static string SerializeJsonLd(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), JsonLdOptions);
    }

    /// <summary>The absolute canonical URL for a request path, built from the public address only.</summary>
    public string CanonicalUrl(PublicUrl publicUrl, string requestPath)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        return publicUrl.Absolute(RootRelative(CanonicalPath) ?? RootRelative(requestPath) ?? "/");
    }

    /// <summary>The absolute preview image URL, or null. An absolute image URL is kept only when it is on the public address.</summary>
    public string? ImageUrl(PublicUrl publicUrl)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        if (string.IsNullOrWhiteSpace(ImagePath))
        {
            return null;
        }

        if (Uri.TryCreate(ImagePath, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.AbsoluteUri.StartsWith(publicUrl.BaseUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase)
                ? absolute.AbsoluteUri
                : null;
        }

        var path = RootRelative(ImagePath);
        return path is null ? null : publicUrl.Absolute(path);
    }

    // Only a path that starts with one '/' is a path on this site ("//evil.example/x" is a network-path reference).
    private static string? RootRelative(string? path) =>
        string.IsNullOrEmpty(path) || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            ? null
            : path;

    private static string? Shorten(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var plain = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (plain.Length <= DescriptionLimit)
        {
            return plain;
        }

        var cut = plain.LastIndexOf(' ', DescriptionLimit - 1);
        return (cut > DescriptionLimit / 2 ? plain[..cut] : plain[..(DescriptionLimit - 1)]).TrimEnd(',', ';', ':', '.', ' ') + "…";
    }
}

/// <summary>Access to the page's <see cref="Nexus.Shared.Web.PageMeta"/> from a page model, a view or the layout.</summary>
public static class PageMetaViewDataExtensions
{
    /// <summary>This page's <see cref="Nexus.Shared.Web.PageMeta"/>, created on first use.</summary>
    public static PageMeta PageMeta(this ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        if (viewData[Web.PageMeta.ViewDataKey] is PageMeta meta)
        {
            return meta;
        }

        meta = new PageMeta();
        viewData[Web.PageMeta.ViewDataKey] = meta;
        return meta;
    }
}
