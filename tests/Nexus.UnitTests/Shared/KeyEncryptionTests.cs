using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Nexus.Shared.Security.KeyEncryption;
using Nexus.Shared.Startup;

namespace Nexus.UnitTests.Shared;

/// <summary>
/// Data-protection keys at rest (issue 13, item 8): AES-256-GCM under DataProtection:KeyEncryption:Key, required
/// outside Development; Development makes one in the data folder and keeps it.
/// </summary>
internal sealed class KeyEncryptionTests
{
    private static readonly XElement Secret = XElement.Parse(
        "<descriptor><masterKey><value>c2VjcmV0LWtleS1tYXRlcmlhbC0xMjM0NTY3ODkwYWJjZGVm</value></masterKey></descriptor>");

    [Test]
    public void The_encrypted_element_holds_no_plaintext_and_decrypts_with_the_same_key_only()
    {
        var key = Key(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var encrypted = new AesGcmXmlEncryptor(key).Encrypt(Secret);

        var stored = encrypted.EncryptedElement.ToString();
        stored.Should().NotContain("masterKey").And.NotContain("c2VjcmV0LWtleS1tYXRlcmlhbC0xMjM0NTY3ODkwYWJjZGVm");
        encrypted.DecryptorType.Should().Be<AesGcmXmlDecryptor>();
        new AesGcmXmlDecryptor(Services(key)).Decrypt(encrypted.EncryptedElement).ToString(SaveOptions.DisableFormatting)
            .Should().Be(Secret.ToString(SaveOptions.DisableFormatting));

        var other = Key(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var wrongKey = () => new AesGcmXmlDecryptor(Services(other)).Decrypt(encrypted.EncryptedElement);
        wrongKey.Should().Throw<CryptographicException>().WithMessage($"*{KeyEncryptionKey.Setting}*");
    }

    [Test]
    public void A_tampered_ciphertext_is_refused()
    {
        var key = Key(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var element = new AesGcmXmlEncryptor(key).Encrypt(Secret).EncryptedElement;
        var value = Convert.FromBase64String(element.Element("value")!.Value);
        value[0] ^= 1;
        element.Element("value")!.Value = Convert.ToBase64String(value);
        var decrypt = () => new AesGcmXmlDecryptor(Services(key)).Decrypt(element);
        decrypt.Should().Throw<CryptographicException>();
    }

    [Test]
    public void Each_encryption_uses_a_fresh_nonce()
    {
        var encryptor = new AesGcmXmlEncryptor(Key(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        encryptor.Encrypt(Secret).EncryptedElement.Element("nonce")!.Value
            .Should().NotBe(encryptor.Encrypt(Secret).EncryptedElement.Element("nonce")!.Value);
    }

    [TestCase("Production")]
    [TestCase("Staging")]
    [TestCase("Testing")]
    public void Outside_development_a_missing_key_stops_start_up_naming_the_setting(string environment)
    {
        var resolve = () => KeyEncryptionKey.Resolve(Settings(), new Environment(environment), Path.GetTempPath());
        resolve.Should().Throw<StartupConfigurationException>().Which.Setting.Should().Be(KeyEncryptionKey.Setting);
    }

    [TestCase("not base64!")]
    [TestCase("c2hvcnQ=")]
    public void A_malformed_key_stops_start_up_naming_the_setting(string value)
    {
        var resolve = () => KeyEncryptionKey.Resolve(Settings((KeyEncryptionKey.Setting, value)), new Environment("Production"), Path.GetTempPath());
        resolve.Should().Throw<StartupConfigurationException>().Which.Setting.Should().Be(KeyEncryptionKey.Setting);
    }

    [Test]
    public void Development_makes_a_key_in_the_data_folder_once_and_keeps_it()
    {
        var data = Directory.CreateTempSubdirectory("nexus-kek-").FullName;
        try
        {
            var first = KeyEncryptionKey.Resolve(Settings(), new Environment("Development"), data);
            var second = KeyEncryptionKey.Resolve(Settings(), new Environment("Development"), data);
            first.DevelopmentFile.Should().Be(Path.Combine(data, KeyEncryptionKey.DevelopmentFileName));
            second.Id.Should().Be(first.Id);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(first.DevelopmentFile!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static KeyEncryptionKey Key(string base64) =>
        KeyEncryptionKey.Resolve(Settings((KeyEncryptionKey.Setting, base64)), new Environment("Production"), Path.GetTempPath());

    private static ServiceProvider Services(KeyEncryptionKey key) => new ServiceCollection().AddSingleton(key).BuildServiceProvider();

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Nexus";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
