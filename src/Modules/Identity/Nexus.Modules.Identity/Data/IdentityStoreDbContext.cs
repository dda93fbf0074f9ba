using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Identity.Data;

/// <summary>
/// Identity's tables: ASP.NET Core Identity's users, roles, claims, logins and tokens (mapped here rather than
/// by deriving from <c>IdentityDbContext</c>, so the module keeps the shared naming and UTC conventions),
/// plus token signing keys, the staff audit log and the data-protection key ring (read and written by
/// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore's repository through <see cref="IDataProtectionKeyContext"/>).
/// </summary>
internal sealed class IdentityStoreDbContext : ModuleDbContext, IDataProtectionKeyContext
{
    public const string SchemaName = "identity";

    public IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options)
        : base(options)
    {
    }

    public DbSet<ShopUser> Users => Set<ShopUser>();

    public DbSet<IdentityRole> Roles => Set<IdentityRole>();

    public DbSet<IdentityUserRole<string>> UserRoles => Set<IdentityUserRole<string>>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<ShopUser>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasMaxLength(64);
            user.Property(u => u.UserName).HasMaxLength(256);
            user.Property(u => u.NormalizedUserName).HasMaxLength(256);
            user.Property(u => u.Email).HasMaxLength(256);
            user.Property(u => u.NormalizedEmail).HasMaxLength(256);
            user.Property(u => u.PhoneNumber).HasMaxLength(64);
            user.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            user.HasIndex(u => u.NormalizedUserName).IsUnique();
            user.HasIndex(u => u.NormalizedEmail);
            user.HasMany<IdentityUserClaim<string>>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
            user.HasMany<IdentityUserLogin<string>>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
            user.HasMany<IdentityUserToken<string>>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
            user.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(r => r.UserId).IsRequired();
        });

        modelBuilder.Entity<IdentityUserClaim<string>>(claim =>
        {
            claim.ToTable("user_claims");
            claim.HasKey(c => c.Id);
            claim.Property(c => c.UserId).HasMaxLength(64);
        });

        modelBuilder.Entity<IdentityUserLogin<string>>(login =>
        {
            login.ToTable("user_logins");
            login.HasKey(l => new { l.LoginProvider, l.ProviderKey });
            login.Property(l => l.LoginProvider).HasMaxLength(128);
            login.Property(l => l.ProviderKey).HasMaxLength(128);
            login.Property(l => l.UserId).HasMaxLength(64);
        });

        modelBuilder.Entity<IdentityUserToken<string>>(token =>
        {
            token.ToTable("user_tokens");
            token.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
            token.Property(t => t.UserId).HasMaxLength(64);
            token.Property(t => t.LoginProvider).HasMaxLength(128);
            token.Property(t => t.Name).HasMaxLength(128);
        });

        modelBuilder.Entity<IdentityRole>(role =>
        {
            role.ToTable("roles");
            role.HasKey(r => r.Id);
            role.Property(r => r.Id).HasMaxLength(64);
            role.Property(r => r.Name).HasMaxLength(256);
            role.Property(r => r.NormalizedName).HasMaxLength(256);
            role.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
            role.HasIndex(r => r.NormalizedName).IsUnique();
            role.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(ur => ur.RoleId).IsRequired();
            role.HasMany<IdentityRoleClaim<string>>().WithOne().HasForeignKey(rc => rc.RoleId).IsRequired();
        });

        modelBuilder.Entity<IdentityUserRole<string>>(userRole =>
        {
            userRole.ToTable("user_roles");
            userRole.HasKey(r => new { r.UserId, r.RoleId });
            userRole.Property(r => r.UserId).HasMaxLength(64);
            userRole.Property(r => r.RoleId).HasMaxLength(64);
        });

        modelBuilder.Entity<IdentityRoleClaim<string>>(claim =>
        {
            claim.ToTable("role_claims");
            claim.HasKey(c => c.Id);
            claim.Property(c => c.RoleId).HasMaxLength(64);
        });

        modelBuilder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(64);
            key.Property(k => k.Algorithm).HasMaxLength(16).IsRequired();
            key.Property(k => k.ProtectedPrivateKey).IsRequired();
            key.HasIndex(k => k.CreatedAt);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_log");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.ActorId).HasMaxLength(64).IsRequired();
            entry.Property(e => e.ActorEmail).HasMaxLength(256).IsRequired();
            entry.Property(e => e.Action).HasMaxLength(64).IsRequired();
            entry.Property(e => e.SubjectId).HasMaxLength(64);
            entry.Property(e => e.SubjectEmail).HasMaxLength(256);
            entry.Property(e => e.Details).HasMaxLength(1000);
            entry.HasIndex(e => e.At);
        });

        modelBuilder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            // The table was ours before the package's repository used it, and keeps its shape: a key ring entry is
            // identified by its friendly name ("key-<key id>", unique by construction), so the package's surrogate
            // Id is not stored (its repository only adds rows and reads them all) and existing rings need no migration.
            key.Ignore(k => k.Id);
            key.HasKey(k => k.FriendlyName);
            key.Property(k => k.FriendlyName).HasMaxLength(128);
            key.Property(k => k.Xml).IsRequired();
        });
    }
}
