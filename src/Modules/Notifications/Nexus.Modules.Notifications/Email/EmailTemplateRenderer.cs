using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace Nexus.Modules.Notifications.Email;

/// <summary>
/// Renders the embedded <c>Templates/&lt;name&gt;.template</c> files: a <c>subject:</c> line, a <c>--- text</c>
/// part and a <c>--- html</c> part, with <c>{{Name}}</c> placeholders (HTML-encoded in the HTML part).
/// A placeholder without a value is an error, never a silently blank line in a customer's inbox.
/// </summary>
internal sealed partial class EmailTemplateRenderer
{
    private readonly ConcurrentDictionary<string, Template> cache = new(StringComparer.Ordinal);

    public RenderedEmail Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var parsed = cache.GetOrAdd(template, Load);
        return new RenderedEmail(
            Fill(parsed.Subject, values, template, encode: false),
            Fill(parsed.Text, values, template, encode: false),
            Fill(parsed.Html, values, template, encode: true));
    }

    public static bool Exists(string template) =>
        typeof(EmailTemplateRenderer).Assembly.GetManifestResourceInfo(ResourceName(template)) is not null;

    private static Template Load(string name)
    {
        using var stream = typeof(EmailTemplateRenderer).Assembly.GetManifestResourceStream(ResourceName(name))
            ?? throw new ArgumentException($"There is no e-mail template '{name}'.", nameof(name));
        using var reader = new StreamReader(stream);
        var content = reader.ReadToEnd().ReplaceLineEndings("\n");
        var textAt = content.IndexOf("\n--- text\n", StringComparison.Ordinal);
        var htmlAt = content.IndexOf("\n--- html\n", StringComparison.Ordinal);
        if (!content.StartsWith("subject: ", StringComparison.Ordinal) || textAt < 0 || htmlAt < textAt)
        {
            throw new InvalidOperationException($"E-mail template '{name}' must be 'subject: ...', '--- text', '--- html'.");
        }

        return new Template(
            content["subject: ".Length..textAt].Trim(),
            content[(textAt + "\n--- text\n".Length)..htmlAt].Trim() + "\n",
            content[(htmlAt + "\n--- html\n".Length)..].Trim() + "\n");
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> values, string template, bool encode) =>
        Placeholder().Replace(text, match =>
        {
            var key = match.Groups[1].Value;
            if (!values.TryGetValue(key, out var value))
            {
                throw new ArgumentException($"E-mail template '{template}' needs a value for '{key}'.", nameof(values));
            }

            return encode ? WebUtility.HtmlEncode(value) : value;
        });

    private static string ResourceName(string template) => $"Nexus.Modules.Notifications.Templates.{template}.template";

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();

    private sealed record Template(string Subject, string Text, string Html);
}
