using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Payments.StubProvider.Data;
using Nexus.Payments.StubProvider.Domain;
using Nexus.Payments.StubProvider.Webhooks;

namespace Nexus.Payments.StubProvider.Pages.StubProvider;

/// <summary>
/// The card issuer's challenge ("3-D Secure") as the provider hosts it: the shopper completes or fails it, and is sent
/// back to the shop's return URL with <c>payment_intent=&lt;id&gt;</c>; the outcome also goes out as a webhook.
/// </summary>
[AllowAnonymous]
internal sealed class ChallengeModel : PageModel
{
    private readonly NexusPayDbContext db;
    private readonly TimeProvider clock;
    private readonly DispatchSignal signal;

    public ChallengeModel(NexusPayDbContext db, TimeProvider clock, DispatchSignal signal)
    {
        this.db = db;
        this.clock = clock;
        this.signal = signal;
    }

    public StubIntent Intent { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var intent = await Find(id, cancellationToken);
        if (intent is null)
        {
            return NotFound();
        }

        if (intent.Status != IntentStatus.RequiresAction)
        {
            // Already answered (back button, second tab): nothing to decide any more, go back to the shop.
            return Redirect(ReturnUrl(intent));
        }

        Intent = intent;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? outcome, CancellationToken cancellationToken)
    {
        var intent = await Find(id, cancellationToken);
        if (intent is null)
        {
            return NotFound();
        }

        if (intent.Status == IntentStatus.RequiresAction)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var type = intent.CompleteChallenge(outcome == "complete", now);
            EventRecorder.Record(db, type, intent, null, now);
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
        }

        return Redirect(ReturnUrl(intent));
    }

    private Task<StubIntent?> Find(string id, CancellationToken cancellationToken) =>
        id.Length > 40 ? Task.FromResult<StubIntent?>(null) : db.Intents.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    private static string ReturnUrl(StubIntent intent) =>
        intent.ReturnUrl + (intent.ReturnUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "payment_intent=" + Uri.EscapeDataString(intent.Id);
}
