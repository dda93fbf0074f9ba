using Hangfire;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Ordering.Pages.Admin.Orders;

/// <summary>
/// Bulk "mark processing" (Admin): the order list posts its checked orders here as form fields <c>numbers</c>; this
/// page's own form takes them one per line. The run is saved, handed to <see cref="BulkOrderJob"/>, and the browser
/// goes to its progress page.
/// </summary>
[Authorize(Policy = NexusPolicies.Admin)]
internal sealed class BulkProcessingModel(IMediator mediator, IBackgroundJobClient jobs) : PageModel
{
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string[]? numbers, CancellationToken cancellationToken)
    {
        var all = (numbers ?? []).SelectMany(n => (n ?? string.Empty).Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (all.Count > BulkOrderRun.MaxOrders * 2)
        {
            Error = $"A bulk action takes up to {BulkOrderRun.MaxOrders:N0} orders at a time.";
            return Page();
        }

        if (await mediator.Send(new StartBulkOrderProcessing(all, OrderActor.Staff(User)), cancellationToken) is not { } runId)
        {
            Error = $"Choose between 1 and {BulkOrderRun.MaxOrders:N0} orders (numbers like NX-7K2M9QXD).";
            return Page();
        }

        jobs.Enqueue<BulkOrderJob>(job => job.RunAsync(runId, CancellationToken.None));
        return Redirect($"/admin/orders/bulk/{runId}");
    }
}
