using Microsoft.AspNetCore.Authorization;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Features.ConfirmEmailChange;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Applies an e-mail change once the new address proved it receives mail; the user name follows the e-mail.</summary>
[AllowAnonymous]
internal sealed class ConfirmEmailChangeModel : PageModel
{
    private readonly IMediator mediator;

    public ConfirmEmailChangeModel(IMediator mediator) => this.mediator = mediator;

    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code, CancellationToken cancellationToken)
    {
        var token = AccountLinks.Decode(code);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(email) || token is null)
        {
            return;
        }

        Changed = await mediator.Send(new ConfirmEmailChange(userId, email, token), cancellationToken);
    }
}
