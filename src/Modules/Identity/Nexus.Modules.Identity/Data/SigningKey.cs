namespace Nexus.Modules.Identity.Data;

/// <summary>
/// An RSA key that signs tokens for sub-apps and services. Kept in the database so every instance signs
/// with, and publishes, the same keys; rotated by age (see <c>SigningKeyStore</c>).
/// </summary>
internal sealed class SigningKey
{
    /// <summary>The JWT <c>kid</c>.</summary>
    public required string Id { get; init; }

    public required string Algorithm { get; init; }

    /// <summary>PKCS#8, protected with ASP.NET Core data protection (whose keys are in this schema too).</summary>
    public required string ProtectedPrivateKey { get; init; }

    public DateTime CreatedAt { get; init; }
}
