using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nexus.Modules.Payments.Domain;

/// <summary>
/// Checks the provider's signature header <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "{t}.{body}")&gt;</c>:
/// the MAC over the exact bytes received (constant-time compare; several <c>v1</c> are accepted, for secret
/// rotation), then the timestamp within the tolerance either way — a captured delivery replayed later is refused.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "NexusPay-Signature";

    public static WebhookVerification Verify(string? header, string body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookVerification.MissingSignature;
        }

        if (header.Length > WebhookDelivery.MaxSignatureLength)
        {
            return WebhookVerification.MalformedSignature;
        }

        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Trim();
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return WebhookVerification.MalformedSignature;
            }

            var (key, value) = (pair[..equals], pair[(equals + 1)..]);
            if (key == "t")
            {
                if (timestamp is not null)
                {
                    return WebhookVerification.MalformedSignature;
                }

                timestamp = value;
            }
            else if (key == "v1")
            {
                if (value.Length != 64 || !value.All(char.IsAsciiHexDigit))
                {
                    return WebhookVerification.MalformedSignature;
                }

                signatures.Add(Convert.FromHexString(value));
            }

            // Other schemes (v0, future versions) are ignored, as the big providers' libraries do.
        }

        if (timestamp is null || signatures.Count == 0
            || timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerification.MalformedSignature;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        var matches = false;
        foreach (var signature in signatures)
        {
            // No early exit: every candidate is compared in constant time.
            matches |= CryptographicOperations.FixedTimeEquals(signature, expected);
        }

        if (!matches)
        {
            return WebhookVerification.BadSignature;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > tolerance)
        {
            return WebhookVerification.StaleTimestamp;
        }

        return -age > tolerance ? WebhookVerification.FutureTimestamp : WebhookVerification.Verified;
    }

    /// <summary>Signs like the provider does (tests and tools).</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
