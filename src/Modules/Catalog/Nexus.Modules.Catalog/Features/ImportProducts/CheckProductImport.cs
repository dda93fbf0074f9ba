using MediatR;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Imports;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.ImportProducts;

/// <summary>
/// The import's first pass: reads the stored file once, streaming, and checks every row; changes nothing. Errors are
/// collected up to <see cref="MaxErrors"/> (the rest are counted as "more"), and reading goes on to the end so the
/// row count is right for the second pass's progress.
/// </summary>
internal sealed record CheckProductImport(string FilePath, IProgress<(long Rows, long Bytes)>? Progress = null) : IQuery<ProductImportCheck>
{
    public const int MaxErrors = 200;
}

internal sealed record ProductImportCheck(long Rows, IReadOnlyList<ProductImportError> Errors, bool MoreErrors, int ToCreate, int ToUpdate);

internal sealed class CheckProductImportHandler(CatalogDbContext db) : IRequestHandler<CheckProductImport, ProductImportCheck>
{
    public async Task<ProductImportCheck> Handle(CheckProductImport request, CancellationToken cancellationToken)
    {
        var plan = await ProductImportPlan.LoadAsync(db, cancellationToken);
        var errors = new List<ProductImportError>();
        var more = false;
        long rows = 0;
        int create = 0, update = 0;
        await using var file = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await foreach (var row in plan.ReadAsync(file, cancellationToken))
        {
            if (!row.Fatal)
            {
                rows++;
            }

            if (row.Plan is { } good)
            {
                _ = good.ExistingId is null ? create++ : update++;
            }

            foreach (var error in row.AsErrors())
            {
                if (errors.Count < CheckProductImport.MaxErrors)
                {
                    errors.Add(error);
                }
                else
                {
                    more = true;
                }
            }

            if (rows % 1000 == 0)
            {
                request.Progress?.Report((rows, file.Position));
            }
        }

        return new ProductImportCheck(rows, errors, more, create, update);
    }
}
