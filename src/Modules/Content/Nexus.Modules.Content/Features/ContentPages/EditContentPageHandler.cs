using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Content.Data;

namespace Nexus.Modules.Content.Features.ContentPages;

internal sealed class EditContentPageHandler(ContentDbContext db, TimeProvider time) : IRequestHandler<EditContentPage, bool>
{
    public async Task<bool> Handle(EditContentPage request, CancellationToken cancellationToken)
    {
        var page = await db.Pages.SingleOrDefaultAsync(p => p.Slug == request.Slug, cancellationToken);
        if (page is null)
        {
            return false;
        }

        // Line endings from the browser's textarea are CRLF; stored as LF so the text compares as typed.
        page.Edit(request.Title!.Trim(), request.BodyMarkdown!.Replace("\r\n", "\n", StringComparison.Ordinal), request.EditorId, time.GetUtcNow().UtcDateTime);
        return true;
    }
}
