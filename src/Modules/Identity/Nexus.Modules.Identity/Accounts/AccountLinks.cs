using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Web;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>Absolute links put into e-mails (always on the public URL); Identity's tokens are Base64Url-encoded so they survive the trip.</summary>
internal static class AccountLinks
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="path"/> under the configured <see cref="PublicUrl"/> — never the request's Host header, which
    /// the caller picks (a reset link to evil.example would hand the attacker the token). The request is only where
    /// the page's services come from.
    /// </summary>
    public static string Absolute(HttpRequest request, string path, params (string Key, string Value)[] query)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.HttpContext.RequestServices.GetRequiredService<PublicUrl>().Absolute(path);
        return query.Length == 0 ? url : QueryHelpers.AddQueryString(url, query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)));
    }
}
