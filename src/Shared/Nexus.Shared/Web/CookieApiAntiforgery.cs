using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Nexus.Shared.Web;

/// <summary>
/// JSON APIs that a signed-in browser calls with its cookie (the back office's order actions) are as open to
/// cross-site requests as forms are, and the framework's antiforgery middleware only enforces itself on form-bound
/// endpoints. These endpoints therefore demand the request token in the <c>RequestVerificationToken</c> header on every
/// unsafe method; a script gets one from <see cref="TokenPath"/> (or reads the one the page already holds).
/// </summary>
public static class CookieApiAntiforgery
{
    public const string TokenPath = "/api/antiforgery";

    public const string ProblemType = "https://nexus.dev/problems/antiforgery";

    /// <summary>Refuses POST, PUT, PATCH and DELETE without a valid antiforgery header with 400 and ProblemDetails.</summary>
    public static TBuilder RequireAntiforgeryHeader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var method = http.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
            {
                return await next(context);
            }

            if (await CarriesValidTokenAsync(http))
            {
                return await next(context);
            }

            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The request carries no valid antiforgery token.",
                detail: $"Send the token from GET {TokenPath} (or the page's form) in the RequestVerificationToken header.",
                type: ProblemType);
        });
    }

    /// <summary>
    /// The antiforgery check reads a form body when the request says it has one: a malformed form (a broken multipart
    /// boundary, a body cut short) is the caller's mistake and a missing token, never a server error.
    /// </summary>
    private static async Task<bool> CarriesValidTokenAsync(HttpContext http)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException)
        {
            // AntiforgeryValidationException: "Unable to read the antiforgery request token from the posted form".
            return false;
        }
    }

    /// <summary>GET <see cref="TokenPath"/>: a request token for the signed-in user (and the cookie it pairs with).</summary>
    public static IEndpointRouteBuilder MapAntiforgeryToken(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(TokenPath, (IAntiforgery antiforgery, HttpContext http) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new AntiforgeryTokenAnswer(tokens.HeaderName ?? "RequestVerificationToken", tokens.RequestToken ?? string.Empty));
        }).RequireAuthorization().ExcludeFromDescription();
        return endpoints;
    }
}

/// <summary>What <c>GET /api/antiforgery</c> answers: send <paramref name="Token"/> in the <paramref name="HeaderName"/> header.</summary>
public sealed record AntiforgeryTokenAnswer(string HeaderName, string Token);
