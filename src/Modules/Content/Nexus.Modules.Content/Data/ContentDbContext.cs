using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Content.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Content.Data;

internal sealed class ContentDbContext : ModuleDbContext
{
    public const string SchemaName = "content";

    public ContentDbContext(DbContextOptions<ContentDbContext> options)
        : base(options)
    {
    }

    public DbSet<ContentPage> Pages => Set<ContentPage>();

    protected override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder, ModuleNaming naming)
    {
        modelBuilder.Entity<ContentPage>(page =>
        {
            page.ToTable("pages");
            page.HasKey(p => p.Slug);
            page.Property(p => p.Slug).HasMaxLength(ContentPage.SlugMaxLength);
            page.Property(p => p.Title).HasMaxLength(ContentPage.TitleMaxLength).IsRequired();
            page.Property(p => p.BodyMarkdown).HasMaxLength(ContentPage.BodyMaxLength).IsRequired();
            page.Property(p => p.UpdatedBy).HasMaxLength(64);
        });
    }
}
