using FluentValidation.AspNetCore;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Customers.Features.Addresses;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Customers.Pages.Account.Addresses;

/// <summary>Edit or delete one address. Another shopper's address id answers 404, exactly like an unknown one.</summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class EditModel : PageModel
{
    private readonly IMediator mediator;

    public EditModel(IMediator mediator) => this.mediator = mediator;

    [BindProperty]
    public AddressForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var address = await mediator.Send(new GetAddress(CurrentCustomer.Id(User), id), cancellationToken);
        if (address is null)
        {
            return NotFound();
        }

        Input = AddressForm.From(address);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await mediator.Send(new SaveAddress(CurrentCustomer.Id(User), id, Input.ToInput()), cancellationToken);
            return saved is null ? NotFound() : RedirectToPage("/Account/Addresses/Index");
        }
        catch (RequestValidationException e)
        {
            e.Result.AddToModelState(ModelState, nameof(Input));
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await mediator.Send(new DeleteAddress(CurrentCustomer.Id(User), id), cancellationToken)
            ? RedirectToPage("/Account/Addresses/Index")
            : NotFound();
}
