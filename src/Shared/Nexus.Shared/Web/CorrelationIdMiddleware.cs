using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Web;

/// <summary>
/// Takes the caller's <c>X-Correlation-Id</c> (or makes one), returns it in the response, and puts it in the
/// logging scope so every line written while handling the request carries it.
/// </summary>
internal sealed class CorrelationIdMiddleware
{
    private readonly RequestDelegate next;
    private readonly ILogger<CorrelationIdMiddleware> logger;

    public CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
    {
        this.next = next;
        this.logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.HeaderName].ToString();
        var id = CorrelationId.IsAcceptable(incoming) ? incoming : CorrelationId.NewId();
        context.TraceIdentifier = id;
        CorrelationId.Current = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.HeaderName] = id;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }
}
