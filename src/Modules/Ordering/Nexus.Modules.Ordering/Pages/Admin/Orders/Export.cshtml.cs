using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Nexus.Modules.Ordering.Features.OrderList;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Csv;

namespace Nexus.Modules.Ordering.Pages.Admin.Orders;

/// <summary>
/// Downloads orders as CSV (<c>text/csv</c>, UTF-8 with a byte-order mark so spreadsheets read accents), written to the
/// response as rows come from the database. GET exports the list's filters (the same query string as the list); POST
/// (the list's "Export selected" button, antiforgery-checked) exports the ticked orders. Fields that would run as a
/// spreadsheet formula are neutralised: e-mail addresses and coupon codes are what shoppers typed. Staff (Admin and
/// Support) may export: it only reads.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class ExportModel(IMediator mediator, IOptions<OrderingOptions> options, TimeProvider clock) : PageModel
{
    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        ExportAsync(OrderListForm.Read(Request.Query, options.Value.ShopTimeZone()), cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Only the selection counts on a post; the list's filters chose what could be ticked.
        var selection = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["numbers"] = Request.Form["numbers"] });
        var form = OrderListForm.Read(selection, options.Value.ShopTimeZone());
        if (form.IsValid && form.Filter.Numbers.Count == 0)
        {
            form.Errors["numbers"] = "Select at least one order to export.";
        }

        return ExportAsync(form, cancellationToken);
    }

    private async Task<IActionResult> ExportAsync(OrderListForm form, CancellationToken cancellationToken)
    {
        if (!form.IsValid)
        {
            var errors = form.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal);
            return new BadRequestObjectResult(new ValidationProblemDetails(errors) { Title = "The export's filters could not be read.", Status = StatusCodes.Status400BadRequest });
        }

        var rows = await mediator.Send(new ExportOrders(form.Filter, options.Value.ShopTimeZone()), cancellationToken);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"orders-{clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv\"";
        Response.Headers.CacheControl = "no-store";
        // Rows go out as they are read: no Content-Length, the response is chunked.
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await CsvFieldWriter.WriteRecordAsync(writer, row, neutraliseFormulas: true);
        }

        await writer.FlushAsync(cancellationToken);
        return new EmptyResult();
    }
}
