using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.IntegrationTests.Hosting;
using Nexus.Modules.Identity.Data;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Security;

/// <summary>
/// Issue 13, item 8: the data-protection key ring is encrypted at rest in both hosts — the shop's rows in
/// identity_data_protection_keys and the Licensing service's files in its data folder hold no key material — and a
/// ring written before encryption was switched on is still read (sign-in cookies survive the upgrade).
/// </summary>
internal sealed class KeyEncryptionAtRestTests
{
    [Test]
    public async Task The_shops_stored_ring_holds_no_plaintext_key_material()
    {
        using var host = new NexusHostFactory();
        var protector = host.Service<IDataProtectionProvider>().CreateProtector("nexus-test");
        protector.Unprotect(protector.Protect("a cookie")).Should().Be("a cookie");

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        var rows = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
        rows.Should().NotBeEmpty();
        rows.Should().AllSatisfy(xml => xml.Should().Contain("nexusEncryptedKey").And.NotContain("masterKey").And.NotContain("unencrypted form"));
    }

    [Test]
    public void The_licensing_services_ring_in_its_data_folder_is_encrypted_too()
    {
        using var service = new LicensingServiceFactory();
        var protector = service.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("nexus-test");
        protector.Unprotect(protector.Protect("a form token")).Should().Be("a form token");

        var files = Directory.GetFiles(Path.Combine(service.DataPath, "keys"), "*.xml");
        files.Should().NotBeEmpty();
        files.Select(File.ReadAllText).Should().AllSatisfy(xml => xml.Should().Contain("nexusEncryptedKey").And.NotContain("masterKey"));
    }

    [Test]
    public async Task A_key_stored_before_encryption_still_reads()
    {
        using var host = new NexusHostFactory();
        var applicationName = host.Service<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator;

        // A ring written the way it used to be: no encryptor, the master key in plaintext.
        var oldRing = Directory.CreateTempSubdirectory("nexus-old-ring-");
        try
        {
            var services = new ServiceCollection();
            services.AddDataProtection().SetApplicationName(applicationName!).PersistKeysToFileSystem(oldRing);
            await using var oldProvider = services.BuildServiceProvider();
            var payload = oldProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("nexus-test").Protect("an old cookie");
            var file = oldRing.GetFiles("*.xml").Single();
            var xml = await File.ReadAllTextAsync(file.FullName);
            xml.Should().Contain("masterKey", "the old ring really is unencrypted");

            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO identity_data_protection_keys (FriendlyName, Xml) VALUES ({0}, {1})", Path.GetFileNameWithoutExtension(file.Name), xml);
            }

            host.Service<IDataProtectionProvider>().CreateProtector("nexus-test").Unprotect(payload).Should().Be("an old cookie");
        }
        finally
        {
            oldRing.Delete(recursive: true);
        }
    }
}
