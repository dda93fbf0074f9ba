namespace Nexus.Payments.StubProvider.Domain;

/// <summary>
/// The first answer to a request that carried an <c>Idempotency-Key</c>: the same key with the same request gets
/// this answer again; with another request, a 409. <see cref="StatusCode"/> 0 while the first request is running.
/// </summary>
internal sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    public string Key { get; private set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the operation and the request body.</summary>
    public string RequestHash { get; private set; } = string.Empty;

    public int StatusCode { get; private set; }

    public string? ResponseBody { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static IdempotencyRecord Start(string key, string requestHash, DateTime now) => new() { Key = key, RequestHash = requestHash, CreatedAt = now };

    public void Finish(int statusCode, string responseBody) => (StatusCode, ResponseBody) = (statusCode, responseBody);
}
