using MediatR;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Content.Data;

namespace Nexus.Modules.Content.Features.ContentPages;

internal sealed class GetContentPageHandler(ContentDbContext db) : IRequestHandler<GetContentPage, ContentPageView?>
{
    public async Task<ContentPageView?> Handle(GetContentPage request, CancellationToken cancellationToken)
    {
        var page = await db.Pages.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == request.Slug, cancellationToken);
        return page is null
            ? null
            : new ContentPageView(page.Slug, page.Title, page.BodyMarkdown, new HtmlString(ContentMarkdown.ToHtml(page.BodyMarkdown)), page.UpdatedAt);
    }
}
