using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.CreateProduct;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Seeding;

/// <summary>
/// A handful of products so a fresh clone shows a shop. Goes through <see cref="CreateProduct"/> like an
/// admin would, so seeded data obeys the same rules. Only runs on an empty catalog.
/// </summary>
internal sealed class CatalogDemoSeeder : IModuleSeeder
{
    private static readonly Guid Hardware = new("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid Software = new("0193a000-0000-7000-8000-000000000002");
    private static readonly Guid Accessories = new("0193a000-0000-7000-8000-000000000003");

    private readonly CatalogDbContext db;
    private readonly IMediator mediator;

    public CatalogDemoSeeder(CatalogDbContext db, IMediator mediator)
    {
        this.db = db;
        this.mediator = mediator;
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Categories.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Categories.AddRange(
            new Category(Hardware, "Hardware", "hardware"),
            new Category(Software, "Software", "software"),
            new Category(Accessories, "Accessories", "accessories"));
        await db.SaveChangesAsync(cancellationToken);

        CreateProduct[] products =
        [
            new("HW-KEYB-01", "Mechanical Keyboard K2", "Hot-swappable switches, aluminium frame, USB-C.", 12900, "EUR", Hardware, false, 40),
            new("HW-MOUS-01", "Ergonomic Mouse M5", "Vertical grip, six buttons, silent clicks.", 5900, "EUR", Hardware, false, 75),
            new("HW-MONI-27", "27\" 4K Monitor", "IPS panel, 60 Hz, USB-C with 65 W power delivery.", 34900, "EUR", Hardware, false, 12),
            new("HW-DOCK-01", "Thunderbolt Dock", "Two displays, 2.5 GbE, eleven ports.", 21900, "EUR", Hardware, false, 0),
            new("SW-NEXP-1Y", "Nexus Pro Licence (1 year)", "Desktop companion app; activates on up to three devices.", 4900, "EUR", Software, true, 0),
            new("SW-BKUP-LT", "Backup Suite Lifetime", "Encrypted incremental backups; one licence, two devices.", 7900, "EUR", Software, true, 0),
            new("AC-CABL-2M", "Braided USB-C Cable 2 m", "240 W, USB4 40 Gbps.", 1900, "EUR", Accessories, false, 300),
            new("AC-STND-01", "Laptop Stand", "Aluminium, height-adjustable, folds flat.", 3900, "EUR", Accessories, false, 55),
        ];
        foreach (var product in products)
        {
            await mediator.Send(product, cancellationToken);
        }
    }
}
