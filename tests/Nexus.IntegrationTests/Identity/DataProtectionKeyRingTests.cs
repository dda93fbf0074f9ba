using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Modules.Identity.Data;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// The data-protection key ring lives in Identity's data_protection_keys table, read and written by
/// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore's repository; the table kept the shape our own repository
/// gave it, so rings written before the switch are read as they are (sign-in cookies survive the upgrade).
/// </summary>
internal sealed class DataProtectionKeyRingTests
{
    [Test]
    public void The_ring_is_kept_by_the_packages_repository_over_identitys_context()
    {
        using var host = new NexusHostFactory();
        var repository = host.Service<IOptions<KeyManagementOptions>>().Value.XmlRepository;
        repository.Should().BeOfType<EntityFrameworkCoreXmlRepository<IdentityStoreDbContext>>();
    }

    [Test]
    public async Task A_row_as_the_earlier_repository_wrote_it_is_read_and_new_keys_are_stored_beside_it()
    {
        using var host = new NexusHostFactory();
        var repository = host.Service<IOptions<KeyManagementOptions>>().Value.XmlRepository!;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // Exactly the columns and values the earlier repository wrote: the friendly name and the unformatted XML.
            var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO identity_data_protection_keys (FriendlyName, Xml) VALUES ({0}, {1})",
                "key-earlier", "<key id=\"earlier\" version=\"1\"><note>written before the package</note></key>");
        }

        repository.GetAllElements().Select(e => (string?)e.Attribute("id")).Should().Contain("earlier");

        repository.StoreElement(new XElement("key", new XAttribute("id", "later")), "key-later");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            var names = await db.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToListAsync();
            names.Should().Contain(["key-earlier", "key-later"]);
        }
    }
}
