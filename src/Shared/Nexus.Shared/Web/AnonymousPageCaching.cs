using System.IO.Hashing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Nexus.Shared.Web;

/// <summary>
/// Makes the pages an anonymous visitor sees cacheable without ever showing a stale one: a successful anonymous
/// GET of an HTML page that set no caching of its own and no cookie is answered with <c>Cache-Control: no-cache</c>
/// and a weak <c>ETag</c> over its body; a browser (or a shared cache) revalidating with <c>If-None-Match</c> gets
/// <c>304 Not Modified</c> and no body. Every request still reaches the page, so a product edited in the back office
/// shows on the very next request (on any instance) — the saving is the transfer, not the rendering. Pages that hold
/// something personal opt out by themselves: they are for signed-in users, carry an antiforgery token (which marks
/// the answer <c>no-store</c>) or set a cookie. See docs/decisions/0016-anonymous-page-caching-and-compression.md.
/// </summary>
public static class AnonymousPageCaching
{
    /// <summary>The policy anonymous HTML pages get.</summary>
    public const string CacheControl = "no-cache";

    /// <summary>Bodies larger than this are passed through unbuffered (no ETag): no page of the shop comes close.</summary>
    internal const int MaxBufferedBytes = 1024 * 1024;

    /// <summary>Add after authentication (it needs to know whether the visitor is signed in) and before endpoints.</summary>
    public static IApplicationBuilder UseNexusAnonymousPageCaching(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || context.User.Identity?.IsAuthenticated == true)
            {
                await next(context);
                return;
            }

            var original = context.Features.Get<IHttpResponseBodyFeature>()!;
            await using var buffer = new ConditionalBufferStream(context, original.Stream);
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer, original));
            try
            {
                await next(context);
                await buffer.CompleteAsync(context.RequestAborted);
            }
            finally
            {
                context.Features.Set(original);
            }
        });

    /// <summary>Whether a response, as its headers stand when the body starts, may be cached this way.</summary>
    internal static bool IsCacheablePage(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status200OK
        && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
        && response.Headers.CacheControl.Count == 0
        && response.Headers.SetCookie.Count == 0
        && response.Headers.ETag.Count == 0;

    /// <summary>A weak validator over the body: the same bytes, the same tag (on every instance).</summary>
    internal static string EntityTag(ReadOnlySpan<byte> body) => $"W/\"{Convert.ToHexStringLower(XxHash128.Hash(body))}\"";

    internal static bool Matches(StringValues ifNoneMatch, string tag)
    {
        foreach (var value in ifNoneMatch)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var candidate in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Weak comparison (RFC 9110 13.1.2): W/ prefixes do not matter.
                if (candidate == "*" || StripWeak(candidate) == StripWeak(tag))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string StripWeak(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    /// <summary>Decides on the first write: a cacheable page is held in memory until the end, anything else passes straight through.</summary>
    private sealed class ConditionalBufferStream(HttpContext context, Stream inner) : Stream
    {
        private MemoryStream? held;
        private bool decided;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Decide();
            if (held is not null)
            {
                if (held.Length + buffer.Length <= MaxBufferedBytes)
                {
                    held.Write(buffer.Span);
                    return;
                }

                // Too large to be a page worth tagging: send what was held and stream the rest.
                await ReleaseAsync(cancellationToken);
            }

            await inner.WriteAsync(buffer, cancellationToken);
        }

        // Flushes while held would start the response; the page is sent whole at the end instead.
        public override void Flush()
        {
            if (held is null)
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            held is null && decided ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (held is null)
            {
                return;
            }

            var body = held.GetBuffer().AsMemory(0, (int)held.Length);
            var tag = EntityTag(body.Span);
            var response = context.Response;
            if (response.HasStarted)
            {
                // Something started the response early: the headers are gone, so send the page untagged.
                held = null;
                await inner.WriteAsync(body, cancellationToken);
                return;
            }

            response.Headers.CacheControl = CacheControl;
            response.Headers.ETag = tag;
            held = null;
            if (Matches(context.Request.Headers.IfNoneMatch, tag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }

            response.ContentLength = body.Length;
            await inner.WriteAsync(body, cancellationToken);
        }

        private void Decide()
        {
            if (decided)
            {
                return;
            }

            decided = true;
            if (IsCacheablePage(context.Response))
            {
                held = new MemoryStream();
            }
        }

        private async Task ReleaseAsync(CancellationToken cancellationToken)
        {
            var pending = held!;
            held = null;
            await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
