using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Security.KeyEncryption;

/// <summary>
/// The 256-bit key that encrypts the data-protection key ring at rest (<see cref="AesGcmXmlEncryptor"/>): from
/// <c>DataProtection:KeyEncryption:Key</c> (base64), required outside Development. In Development a key is made once
/// and kept in the data folder (<see cref="DevelopmentFileName"/>) — beside the data it protects, so it protects
/// nothing there; start-up says so in the log.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string Setting = "DataProtection:KeyEncryption:Key";
    public const string DevelopmentFileName = "key-encryption.key";
    public const int KeyBytes = 32;

    private readonly byte[] key;

    private KeyEncryptionKey(byte[] key, string? developmentFile)
    {
        this.key = key;
        DevelopmentFile = developmentFile;
        // Names the key in each encrypted element, so the wrong key is refused with a clear message, not a tag error.
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    /// <summary>The key's fingerprint (first 8 bytes of its SHA-256), not the key.</summary>
    public string Id { get; }

    /// <summary>Where the Development key is kept; null when it came from configuration.</summary>
    public string? DevelopmentFile { get; }

    internal ReadOnlySpan<byte> Bytes => key;

    /// <summary>Reads (or in Development makes) the key; bad or missing configuration stops start-up naming the setting.</summary>
    public static KeyEncryptionKey Resolve(IConfiguration configuration, IHostEnvironment environment, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new KeyEncryptionKey(Parse(configured), null);
        }

        if (!environment.IsDevelopment())
        {
            throw new StartupConfigurationException(Setting,
                "required outside Development: a base64 256-bit key (e.g. from `openssl rand -base64 32`) that encrypts the data-protection keys at rest");
        }

        var path = Path.Combine(dataPath, DevelopmentFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataPath);
            var made = RandomNumberGenerator.GetBytes(KeyBytes);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var file = new FileStream(path, options);
                using var writer = new StreamWriter(file);
                writer.Write(Convert.ToBase64String(made));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance made it at the same moment: use theirs.
            }
        }

        return new KeyEncryptionKey(Parse(File.ReadAllText(path).Trim(), path), path);
    }

    private static byte[] Parse(string base64, string? source = null)
    {
        var where = source is null ? Setting : $"{Setting} (Development key in {source})";
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new StartupConfigurationException(where, "not base64: give a 256-bit key as base64 (e.g. from `openssl rand -base64 32`)");
        }

        return bytes.Length == KeyBytes
            ? bytes
            : throw new StartupConfigurationException(where, $"the key is {bytes.Length * 8} bits; it must be 256 bits (32 bytes, base64)");
    }
}
