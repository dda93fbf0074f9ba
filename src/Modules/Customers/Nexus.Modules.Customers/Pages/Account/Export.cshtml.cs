using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Customers.Features.Export;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Customers.Pages.Account;

/// <summary>"Download my data": everything Nexus keeps about the signed-in shopper, as a JSON file.</summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class ExportModel : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly IMediator mediator;

    public ExportModel(IMediator mediator) => this.mediator = mediator;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportMyData(CurrentCustomer.Id(User)), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", "nexus-my-data.json");
    }
}
