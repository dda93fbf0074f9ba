using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Shared.BackOffice;

namespace Nexus.Host.Pages.Admin;

/// <summary>The back office's front page: the sections the enabled modules contribute that this user may open.</summary>
internal sealed class IndexModel : PageModel
{
    private readonly IEnumerable<BackOfficeSection> sections;
    private readonly IAuthorizationService authorization;

    public IndexModel(IEnumerable<BackOfficeSection> sections, IAuthorizationService authorization)
    {
        this.sections = sections;
        this.authorization = authorization;
    }

    public IReadOnlyList<BackOfficeSection> Sections { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var allowed = new List<BackOfficeSection>();
        foreach (var section in sections.OrderBy(s => s.Order).ThenBy(s => s.Title, StringComparer.Ordinal))
        {
            if ((await authorization.AuthorizeAsync(User, section.Policy)).Succeeded)
            {
                allowed.Add(section);
            }
        }

        Sections = allowed;
    }
}
