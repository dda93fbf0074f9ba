using FluentValidation.AspNetCore;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Customers.Domain;
using Nexus.Modules.Customers.Features.Addresses;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Customers.Pages.Account.Addresses;

[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class IndexModel : PageModel
{
    private readonly IMediator mediator;

    public IndexModel(IMediator mediator) => this.mediator = mediator;

    [BindProperty]
    public AddressForm Input { get; set; } = new();

    public IReadOnlyList<Address> Addresses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Addresses = await mediator.Send(new ListAddresses(CurrentCustomer.Id(User)), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new SaveAddress(CurrentCustomer.Id(User), null, Input.ToInput()), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            e.Result.AddToModelState(ModelState, nameof(Input));
            Addresses = await mediator.Send(new ListAddresses(CurrentCustomer.Id(User)), cancellationToken);
            return Page();
        }

        return RedirectToPage();
    }
}
