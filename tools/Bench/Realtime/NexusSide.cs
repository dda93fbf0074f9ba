using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.AdjustStock;
using Nexus.Testing.Hosting;

namespace Nexus.Tools.Bench.Realtime;

/// <summary>
/// The Nexus side, run as a child process (<c>--nexus-host &lt;port&gt;</c>) so that its working set is the host's alone
/// and not the load client's: the real host from the test kit on SQLite in a fresh data folder, <see cref="Products"/>
/// products with no stock, then one stock change per <c>push &lt;seq&gt;</c> line read from stdin, answered with the
/// moment the command returned, i.e. after its transaction committed (<see cref="ChildProtocol"/>).
/// </summary>
internal static class NexusSide
{
    /// <summary>
    /// Products changed in turn: push <c>seq</c> moves product <c>seq % Products</c> from 0 to 1 unit or back, so every
    /// push crosses zero (only crossings are pushed: StockChangedLiveHandler) and a (product, in stock) pair comes back
    /// only every 2 x Products pushes, long after its message was due.
    /// </summary>
    internal const int Products = 50;

    public static async Task<int> RunAsync(int port)
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Nexus:SeedDemoData"] = "false",
            // Each of thousands of connections would otherwise log its connect and disconnect; the harness reads this
            // process's stdout, and logging is not what is measured.
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var baseUrl = host.StartKestrel(port);
        var variants = await SeedAsync(host);
        ChildProtocol.Ready(baseUrl, variants.Select(v => v.ProductId));

        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (ChildProtocol.ParsePush(line) is not { } seq)
            {
                break; // "quit" or stdin closed
            }

            var (_, variantId) = variants[seq % Products];
            var delta = seq / Products % 2 == 0 ? 1 : -1;
            try
            {
                // A fresh scope per change, as a request would have; the command is the one the back office's inventory
                // page sends (its own transaction: conditional update, trail row, StockChanged into the outbox, commit).
                await using var scope = host.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                    .Send(new AdjustStock(variantId, delta, "bench", "bench-admin"));
                var committed = Stopwatch.GetTimestamp();
                if (!result.Found)
                {
                    ChildProtocol.Failed(seq, "variant not found");
                    continue;
                }

                ChildProtocol.Pushed(seq, committed);
            }
            catch (Exception e)
            {
                ChildProtocol.Failed(seq, e.GetType().Name + ": " + e.Message);
            }
        }

        return 0;
    }

    private static async Task<List<(Guid ProductId, Guid VariantId)>> SeedAsync(NexusHostFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var category = new Category(Guid.CreateVersion7(), "Realtime bench", "realtime-bench");
        db.Categories.Add(category);
        var now = DateTime.UtcNow;
        var seeded = new List<(Guid, Guid)>();
        for (var i = 0; i < Products; i++)
        {
            var sku = string.Create(CultureInfo.InvariantCulture, $"BENCH-RT-{i:D2}");
            var product = new Product(Guid.CreateVersion7(), sku, $"Bench product {i}", sku.ToLowerInvariant(), "", 1000, "USD", category.Id, false, now);
            product.SetOptionNames(["Size"]);
            var variant = product.AddVariant(Guid.CreateVersion7(), sku + "-1", "One size", null, null, null, 0);
            product.Publish(now);
            db.Products.Add(product);
            seeded.Add((product.Id, variant.Id));
        }

        await db.SaveChangesAsync();
        return seeded;
    }
}
