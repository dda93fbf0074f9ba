using Microsoft.AspNetCore.Authorization;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Features.ConfirmEmailChange;
using Nexus.Modules.Notifications.Contracts;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// Applies an e-mail change once the new address proved it receives mail; the user name follows the e-mail. The old
/// address is then told, with a link that undoes the change (issue 13, item 4: whoever took a session must not be able
/// to take the account's address quietly).
/// </summary>
[AllowAnonymous]
internal sealed class ConfirmEmailChangeModel : PageModel
{
    private readonly IMediator mediator;
    private readonly EmailChangeUndoTokens undoTokens;

    public ConfirmEmailChangeModel(IMediator mediator, EmailChangeUndoTokens undoTokens)
    {
        this.mediator = mediator;
        this.undoTokens = undoTokens;
    }

    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code, CancellationToken cancellationToken)
    {
        var token = AccountLinks.Decode(code);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(email) || token is null)
        {
            return;
        }

        var previous = await mediator.Send(new ConfirmEmailChange(userId, email, token), cancellationToken);
        Changed = previous is not null;
        if (string.IsNullOrEmpty(previous))
        {
            return;
        }

        // After the commit: the notice describes a change that happened.
        var undo = AccountLinks.Absolute(Request, "/account/undo-email-change", ("code", undoTokens.Create(userId, previous, email)));
        var reset = AccountLinks.Absolute(Request, "/account/forgot-password");
        await mediator.Send(
            new SendEmail(previous, EmailTemplates.EmailChanged, new Dictionary<string, string> { ["NewEmail"] = email, ["UndoLink"] = undo, ["ResetLink"] = reset }),
            cancellationToken);
    }
}
