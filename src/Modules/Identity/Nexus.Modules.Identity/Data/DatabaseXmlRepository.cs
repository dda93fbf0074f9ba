using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Nexus.Modules.Identity.Data;

/// <summary>
/// Keeps the data-protection key ring in Identity's schema, so every instance on the same database decrypts
/// the others' sign-in cookies and antiforgery tokens (the file-system ring in the data folder is per machine).
/// A small <see cref="IXmlRepository"/> instead of the EF package, which is not on our feed's vetted list.
/// </summary>
internal sealed class DatabaseXmlRepository : IXmlRepository
{
    private readonly IServiceScopeFactory scopes;

    public DatabaseXmlRepository(IServiceScopeFactory scopes) => this.scopes = scopes;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
