using System.ComponentModel.DataAnnotations;
using FluentValidation.AspNetCore;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Customers.Features.Profile;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Customers.Pages.Account;

[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class ProfileModel : PageModel
{
    private readonly IMediator mediator;

    public ProfileModel(IMediator mediator) => this.mediator = mediator;

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    [TempData]
    public bool Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var profile = await mediator.Send(new GetProfile(CurrentCustomer.Id(User)), cancellationToken);
        Input = new ProfileInput { DisplayName = profile.DisplayName, Phone = profile.Phone };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new UpdateProfile(CurrentCustomer.Id(User), Input.DisplayName, Input.Phone), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            e.Result.AddToModelState(ModelState, nameof(Input));
            return Page();
        }

        Saved = true;
        return RedirectToPage();
    }

    internal sealed class ProfileInput
    {
        [Display(Name = "Name")]
        public string? DisplayName { get; set; }

        [Display(Name = "Phone")]
        public string? Phone { get; set; }
    }
}
