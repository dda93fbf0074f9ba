using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Catalog.Imports;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>An import's progress and report; <c>?handler=Status</c> answers the same as a small JSON for the poller.</summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class ImportStatusModel(ProductImportStore store) : PageModel
{
    public ProductImportStatus Status { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(id, cancellationToken) is not { } status)
        {
            return NotFound();
        }

        Status = status;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.ReadAsync(id, cancellationToken) is not { } status)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            state = status.State.ToString(),
            percent = status.Percent,
            finished = status.IsFinished,
            description = Describe(status),
            errors = status.Errors.Count,
        });
    }

    public static string Describe(ProductImportStatus status) => status.State switch
    {
        ProductImportState.Queued => "Waiting to start…",
        ProductImportState.Validating => $"Checking rows: {N(status.RowsRead)} read…",
        ProductImportState.Importing => $"Importing: {N(status.RowsRead)} of {N(status.TotalRows)} rows…",
        ProductImportState.Completed when status.DryRun =>
            $"Dry run finished: all {N(status.TotalRows)} rows are good ({status.Created:N0} would be created, {status.Updated:N0} updated). Nothing was imported.",
        ProductImportState.Completed => $"Done: {N(status.TotalRows)} rows imported, {status.Created:N0} products created and {status.Updated:N0} updated.",
        ProductImportState.Rejected => $"Not imported: {(status.MoreErrors ? "more than " : string.Empty)}{status.Errors.Count:N0} problem(s) in {N(status.TotalRows)} rows.",
        _ => "The import failed; nothing was imported.",
    };

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
