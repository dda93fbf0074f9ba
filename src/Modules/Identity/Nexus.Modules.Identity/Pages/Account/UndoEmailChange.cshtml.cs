using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Features.UndoEmailChange;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// The undo link mailed to the old address after an e-mail change. Opening it only shows a button: mail scanners open
/// links, and only the owner's POST puts the old address back.
/// </summary>
[AllowAnonymous]
internal sealed class UndoEmailChangeModel : PageModel
{
    private readonly IMediator mediator;
    private readonly EmailChangeUndoTokens tokens;

    public UndoEmailChangeModel(IMediator mediator, EmailChangeUndoTokens tokens)
    {
        this.mediator = mediator;
        this.tokens = tokens;
    }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool Valid { get; private set; }

    public bool? Undone { get; private set; }

    public string PreviousEmail { get; private set; } = string.Empty;

    public void OnGet()
    {
        if (tokens.Read(Code) is { } change)
        {
            Valid = true;
            PreviousEmail = change.PreviousEmail;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (tokens.Read(Code) is not { } change)
        {
            return Page();
        }

        Valid = true;
        PreviousEmail = change.PreviousEmail;
        Undone = await mediator.Send(new UndoEmailChange(change.UserId, change.PreviousEmail, change.ChangedTo), cancellationToken);
        return Page();
    }
}
