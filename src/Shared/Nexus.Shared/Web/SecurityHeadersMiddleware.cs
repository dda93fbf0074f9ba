using Microsoft.AspNetCore.Http;

namespace Nexus.Shared.Web;

/// <summary>
/// Security headers on every response, written as the response starts so that endpoints can still adjust
/// the request's <see cref="ContentSecurityPolicy"/>.
/// </summary>
internal sealed class SecurityHeadersMiddleware
{
    private readonly RequestDelegate next;

    public SecurityHeadersMiddleware(RequestDelegate next) => this.next = next;

    public Task InvokeAsync(HttpContext context, ContentSecurityPolicy policy)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy.Build();
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // Old browsers ignore frame-ancestors; X-Frame-Options covers them when only we may frame.
            if (policy.FrameAncestors is ["'self'"])
            {
                headers.XFrameOptions = "SAMEORIGIN";
            }
            else if (policy.FrameAncestors is ["'none'"])
            {
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
