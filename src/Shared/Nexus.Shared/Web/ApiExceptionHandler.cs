using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nexus.Shared.Application;

namespace Nexus.Shared.Web;

/// <summary>
/// Unhandled exceptions on API requests become ProblemDetails (validation failures a 400 with field errors);
/// everything else falls through to the friendly HTML error page.
/// </summary>
internal sealed class ApiExceptionHandler : IExceptionHandler
{
    private readonly IProblemDetailsService problemDetails;

    public ApiExceptionHandler(IProblemDetailsService problemDetails) => this.problemDetails = problemDetails;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already re-pointed Request.Path at the error page; the original is in the feature.
        var originalPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (!ApiRequests.IsApiPath(originalPath))
        {
            return false;
        }

        ProblemDetails problem = exception switch
        {
            RequestValidationException invalid => new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read." },
            System.Text.Json.JsonException => new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The request could not be read." },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong on our side." },
        };
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
