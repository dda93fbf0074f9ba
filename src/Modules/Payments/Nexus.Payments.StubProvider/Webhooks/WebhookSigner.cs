using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nexus.Payments.StubProvider.Webhooks;

/// <summary>The provider's side of the signature: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256("{t}.{body}")&gt;</c>.</summary>
internal static class WebhookSigner
{
    public const string Header = "NexusPay-Signature";

    public static string Sign(string secret, long timestamp, string body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
