using Microsoft.AspNetCore.Http;

namespace Nexus.Shared.Web;

/// <summary>
/// Which requests are API calls (their own status code, ProblemDetails, never a sign-in redirect) rather than pages
/// (friendly HTML errors): <c>/api/...</c> (token endpoint included), <c>/_nexus/...</c> (service-to-service
/// endpoints and bridge files) and <c>/.well-known/...</c> (the JWKS). Re-executing a page for them would also run
/// the page's antiforgery check against a bearer-only POST and turn every refusal into a 400.
/// </summary>
public static class ApiRequests
{
    private static readonly PathString[] Prefixes = ["/api", "/_nexus", "/.well-known"];

    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsApiPath(request.Path);
    }

    public static bool IsApiPath(string? path) => IsApiPath(new PathString(path));

    private static bool IsApiPath(PathString path) =>
        Prefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
