using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Logging;

namespace Nexus.Shared.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Security headers, ProblemDetails carrying the correlation id, and API exception handling.</summary>
    public static IServiceCollection AddNexusWeb(this IServiceCollection services)
    {
        services.AddScoped<ContentSecurityPolicy>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["correlationId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Forms bound to a model with a validator get its rules as data-val-* attributes (checked in the browser by
        // the vendored aspnet-client-validation). Client side only: FluentValidation's automatic MVC validation stays
        // off; the MediatR validation behaviour is the authority.
        services.AddFluentValidationClientsideAdapters();
        return services;
    }

    /// <summary>The outermost middleware: correlation id first, so every later log line carries it.</summary>
    public static IApplicationBuilder UseNexusRequestPipeline(this IApplicationBuilder app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        // Serilog's request logging (the host called AddNexusLogging): one completion event per request.
        app.UseNexusRequestLogging();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>
    /// Error handling: APIs answer ProblemDetails, pages re-execute the friendly <paramref name="errorPath"/>
    /// and <paramref name="statusPathFormat"/> pages.
    /// </summary>
    public static IApplicationBuilder UseNexusErrorPages(this IApplicationBuilder app, string errorPath, string statusPathFormat)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = errorPath });
        app.UseWhen(context => ApiRequests.IsApi(context.Request), api => api.UseStatusCodePages());
        app.UseWhen(context => !ApiRequests.IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute(statusPathFormat));
        return app;
    }
}
