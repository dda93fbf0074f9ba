using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Features;

/// <summary>
/// Full-text search over the catalog's search rows (name, description, category, tags; kept by the model's
/// <c>CatalogSearchIndex</c>), on the engine of the configured database:
/// SQLite — FTS5 ranked by bm25 (name weighs most); PostgreSQL — the generated <c>tsvector</c> and <c>ts_rank</c>;
/// SQL Server — a LIKE fallback (every term somewhere in the row; ranked by where it was found), documented in
/// docs/decisions as the price of not requiring a full-text catalog on the server. The terms come from
/// <see cref="SearchText.Terms"/> (letters and digits only), and reach the engine as a bound parameter.
/// Returns each matching product id with its rank, lower is better.
/// </summary>
internal static class CatalogSearch
{
    private const int MaxMatches = 5000;

    public static async Task<Dictionary<Guid, double>> FindAsync(CatalogDbContext db, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var matches = new Dictionary<Guid, double>();
        if (terms.Count == 0)
        {
            return matches;
        }

        var naming = new ModuleNaming(db.Database.ProviderName, CatalogDbContext.SchemaName);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@terms";
        if (naming.IsSqlite)
        {
            var fts = naming.Table("product_fts");
            var rows = naming.Table("product_search");
            // bm25 weights per column: Name, Body, CategoryName, Tags.
            command.CommandText =
                $"SELECT s.\"ProductId\", bm25(\"{fts}\", 10.0, 1.0, 4.0, 4.0) FROM \"{fts}\" JOIN \"{rows}\" s ON s.\"Id\" = \"{fts}\".rowid " +
                $"WHERE \"{fts}\" MATCH @terms ORDER BY 2 LIMIT {MaxMatches}";
            parameter.Value = SearchText.ToFts5(terms);
        }
        else if (naming.Schema is { } schema && db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal))
        {
            // ts_rank grows with relevance; negated so lower is better everywhere.
            command.CommandText =
                $"SELECT \"ProductId\", -ts_rank(\"{CatalogDbContext.SearchVectorColumn}\", query) FROM \"{schema}\".\"product_search\", to_tsquery('english', @terms) query " +
                $"WHERE \"{CatalogDbContext.SearchVectorColumn}\" @@ query ORDER BY 2 LIMIT {MaxMatches}";
            parameter.Value = SearchText.ToTsQuery(terms);
        }
        else
        {
            return await LikeFallbackAsync(db, terms, cancellationToken);
        }

        command.Parameters.Add(parameter);
        await using var connectionScope = await db.KeepOpenAsync(cancellationToken);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetFieldValue<Guid>(0);
            matches.TryAdd(id, reader.GetDouble(1));
        }

        return matches;
    }

    /// <summary>SQL Server: every term must occur in some column; a term found in the name ranks before one found only in the text.</summary>
    private static async Task<Dictionary<Guid, double>> LikeFallbackAsync(CatalogDbContext db, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var rows = db.SearchDocuments.AsNoTracking();
        foreach (var term in terms)
        {
            var pattern = "%" + term + "%"; // letters and digits only: no LIKE wildcards to escape
            rows = rows.Where(s => EF.Functions.Like(s.Name, pattern) || EF.Functions.Like(s.CategoryName, pattern) || EF.Functions.Like(s.Tags, pattern) || EF.Functions.Like(s.Body, pattern));
        }

        var first = "%" + terms[0] + "%";
        var found = await rows
            .Select(s => new { s.ProductId, InName = EF.Functions.Like(s.Name, first) })
            .Take(MaxMatches)
            .ToListAsync(cancellationToken);
        return found.ToDictionary(f => f.ProductId, f => f.InName ? 0.0 : 1.0);
    }
}
