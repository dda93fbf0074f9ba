using System.Globalization;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Nexus.Shared.Web;

/// <summary>
/// HSTS as ASP.NET Core's <c>UseHsts</c> sends it (same <see cref="HstsOptions"/>: HTTPS only, never for the excluded
/// local hosts), but written as the response starts: <c>UseHsts</c> sets the header before the endpoint runs, and the
/// exception handler clears every header when it answers an error itself (an API's ProblemDetails), so error answers
/// went out without it.
/// </summary>
internal sealed class StrictTransportSecurityMiddleware
{
    private readonly RequestDelegate next;
    private readonly HstsOptions options;
    private readonly string value;

    public StrictTransportSecurityMiddleware(RequestDelegate next, IOptions<HstsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.next = next;
        this.options = options.Value;
        value = string.Create(CultureInfo.InvariantCulture, $"max-age={(long)this.options.MaxAge.TotalSeconds}")
            + (this.options.IncludeSubDomains ? "; includeSubDomains" : string.Empty)
            + (this.options.Preload ? "; preload" : string.Empty);
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps && !options.ExcludedHosts.Contains(context.Request.Host.Host, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.StrictTransportSecurity = value;
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
