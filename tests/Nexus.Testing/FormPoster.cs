using System.Text.RegularExpressions;

namespace Nexus.Testing;

/// <summary>
/// Submits Razor Pages forms the way a browser does: fetch the page, take its antiforgery token, post the
/// fields. The client must keep cookies (WebApplicationFactory clients do).
/// </summary>
public static partial class FormPoster
{
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, IDictionary<string, string> fields, string? handler = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{path} has no antiforgery token; is it a form page?");
        }

        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token.Groups[1].Value };
        var target = handler is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(target, content);
    }

    /// <summary>The antiforgery token of a page already fetched (for posting to another URL).</summary>
    public static string TokenOf(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
