using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Content.Data;

namespace Nexus.Modules.Content.Features.ContentPages;

internal sealed class ListContentPagesHandler(ContentDbContext db) : IRequestHandler<ListContentPages, IReadOnlyList<ContentPageSummary>>
{
    public async Task<IReadOnlyList<ContentPageSummary>> Handle(ListContentPages request, CancellationToken cancellationToken)
    {
        var pages = await db.Pages.AsNoTracking()
            .Select(p => new ContentPageSummary(p.Slug, p.Title, p.UpdatedAt, p.UpdatedBy))
            .ToListAsync(cancellationToken);
        // Footer order, not alphabetical.
        return pages.OrderBy(p => FooterPosition(p.Slug)).ThenBy(p => p.Slug, StringComparer.Ordinal).ToList();
    }

    private static int FooterPosition(string slug)
    {
        var position = ContentModule.PageSlugs.ToList().IndexOf(slug);
        return position < 0 ? int.MaxValue : position;
    }
}
