using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Nexus.Shared.Security.KeyEncryption;

/// <summary>
/// Encrypts each data-protection key's secret part with AES-256-GCM under <see cref="KeyEncryptionKey"/> before the
/// key ring stores it (database rows or data-folder files): whoever reads the table or the folder gets ciphertext.
/// The element names the key-encryption key's fingerprint (also bound in as associated data), a fresh 96-bit nonce
/// and the 128-bit tag; no plaintext is written. Keys stored before encryption was switched on carry no encrypted
/// element and are read as they are.
/// </summary>
public sealed class AesGcmXmlEncryptor : IXmlEncryptor
{
    internal const string ElementName = "nexusEncryptedKey";
    internal const string Algorithm = "AES-256-GCM";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly KeyEncryptionKey key;

    public AesGcmXmlEncryptor(KeyEncryptionKey key)
    {
        this.key = key ?? throw new ArgumentNullException(nameof(key));
    }

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using (var aes = new AesGcm(key.Bytes, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(key.Id));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(ElementName,
            new XAttribute("algorithm", Algorithm),
            new XAttribute("keyId", key.Id),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }

    internal static byte[] AssociatedData(string keyId) => Encoding.ASCII.GetBytes($"{Algorithm}/{keyId}");
}

/// <summary>Reads what <see cref="AesGcmXmlEncryptor"/> wrote; made by the data-protection system from the element's type name.</summary>
public sealed class AesGcmXmlDecryptor : IXmlDecryptor
{
    private readonly KeyEncryptionKey key;

    public AesGcmXmlDecryptor(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        key = (KeyEncryptionKey?)services.GetService(typeof(KeyEncryptionKey))
            ?? throw new InvalidOperationException($"No key-encryption key is registered ({KeyEncryptionKey.Setting}).");
    }

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keyId = (string?)encryptedElement.Attribute("keyId");
        if (!string.Equals(keyId, key.Id, StringComparison.Ordinal) || (string?)encryptedElement.Attribute("algorithm") != AesGcmXmlEncryptor.Algorithm)
        {
            throw new CryptographicException(
                $"A data-protection key was encrypted with key-encryption key {keyId}, not with the configured {key.Id} ({KeyEncryptionKey.Setting}).");
        }

        var nonce = Convert.FromBase64String((string?)encryptedElement.Element("nonce") ?? string.Empty);
        var tag = Convert.FromBase64String((string?)encryptedElement.Element("tag") ?? string.Empty);
        var ciphertext = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key.Bytes, tag.Length))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AesGcmXmlEncryptor.AssociatedData(key.Id));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
