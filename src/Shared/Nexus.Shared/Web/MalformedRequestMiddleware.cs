using Microsoft.AspNetCore.Http;

namespace Nexus.Shared.Web;

/// <summary>
/// Refuses requests no page or API can mean, before anything reads them (found by the hostile-input sweep, issue 13):
/// a path whose decoded form holds a NUL or another control character (<c>/account/%00</c> made the file and page
/// providers throw, a 500) gets 400; a method outside GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS (TRACE,
/// PROPFIND, made-up ones — a page without a handler for them rendered without its model, a 500) gets 405; a body
/// whose <c>Content-Type</c> names a charset .NET does not know (<c>application/json; charset=ebcdic</c>: the API's
/// JSON reader failed with a 500) gets 415.
/// </summary>
internal sealed class MalformedRequestMiddleware
{
    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options,
    };

    private readonly RequestDelegate next;

    public MalformedRequestMiddleware(RequestDelegate next) => this.next = next;

    public Task InvokeAsync(HttpContext context)
    {
        if (!Methods.Contains(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        var path = context.Request.Path.Value;
        if (path is not null && path.Any(char.IsControl))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }

        if (context.Request.ContentType is { Length: > 0 } contentType
            && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.Charset.HasValue
            && !IsKnownCharset(mediaType.Charset.Value!.Trim('"')))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static bool IsKnownCharset(string charset)
    {
        try
        {
            _ = System.Text.Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
