using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Catalog.Features.ExportProducts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Csv;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>
/// Downloads the catalog as CSV (<c>text/csv</c>, UTF-8 with a byte-order mark so spreadsheets read accents), written
/// to the response as rows come from the database. Staff (Admin and Support) may export: it only reads.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class ExportModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await mediator.Send(new ExportProducts(), cancellationToken);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"products-{clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv\"";
        Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await CsvFieldWriter.WriteRecordAsync(writer, row);
        }

        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }
}
