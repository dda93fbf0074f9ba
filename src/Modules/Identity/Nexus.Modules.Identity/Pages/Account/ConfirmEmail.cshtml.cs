using Microsoft.AspNetCore.Authorization;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Features.ConfirmEmail;

namespace Nexus.Modules.Identity.Pages.Account;

[AllowAnonymous]
internal sealed class ConfirmEmailModel : PageModel
{
    private readonly IMediator mediator;

    public ConfirmEmailModel(IMediator mediator) => this.mediator = mediator;

    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code, CancellationToken cancellationToken)
    {
        var token = AccountLinks.Decode(code);
        if (string.IsNullOrEmpty(userId) || token is null)
        {
            return;
        }

        Confirmed = await mediator.Send(new ConfirmEmail(userId, token), cancellationToken);
    }
}
