using Microsoft.AspNetCore.Http;

namespace Nexus.Shared.Web;

/// <summary>Which requests are API calls (JSON errors) rather than pages (friendly HTML errors).</summary>
public static class ApiRequests
{
    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsApiPath(string? path) => new PathString(path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
