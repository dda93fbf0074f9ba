using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.ManageCategories;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>
/// The category tree: add a category, and for one chosen category (<c>?edit={id}</c>) rename it, change its slug
/// (the old address redirects), move it (not under itself) or delete it when it is empty. Support reads.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
internal sealed class CategoriesModel(CatalogDbContext db, IMediator mediator, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "edit")]
    public Guid? EditId { get; set; }

    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public bool CanChange { get; private set; }

    public IReadOnlyList<CategoryOption> Tree { get; private set; } = [];

    public IReadOnlyDictionary<Guid, int> ProductCounts { get; private set; } = new Dictionary<Guid, int>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (EditId is { } id)
        {
            var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (category is null)
            {
                return NotFound();
            }

            Input = new CategoryInput { Name = category.Name, Slug = category.Slug, ParentId = category.ParentId, Description = category.Description, SortOrder = category.SortOrder };
        }

        return Page();
    }

    public Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken) =>
        ChangeAsync(new CreateCategory(Input.Name ?? string.Empty, Input.Slug?.Trim(), Input.ParentId, Input.Description, Input.SortOrder), "Category added.", null, cancellationToken);

    public Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken) =>
        EditId is { } id
            ? ChangeAsync(new UpdateCategory(id, Input.Name ?? string.Empty, Input.Slug?.Trim(), Input.ParentId, Input.Description, Input.SortOrder), "Category saved.", id, cancellationToken)
            : Task.FromResult<IActionResult>(NotFound());

    public Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        EditId is { } id
            ? ChangeAsync(new DeleteCategory(id), "Category deleted.", null, cancellationToken)
            : Task.FromResult<IActionResult>(NotFound());

    private async Task<IActionResult> ChangeAsync<T>(Nexus.Shared.Abstractions.Application.ICommand<T> command, string done, Guid? back, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var result = await mediator.Send(command, cancellationToken);
            if (result is false)
            {
                return NotFound();
            }
        }
        catch (RequestValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field is "Id" ? string.Empty : $"{nameof(Input)}.{field}", message);
                }
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        Message = done;
        return Redirect(back is null ? "/admin/catalog/categories" : $"/admin/catalog/categories?edit={back}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
        Tree = await CategoryOption.LoadAsync(db, cancellationToken);
        ProductCounts = await db.Products.AsNoTracking().NotDeleted().GroupBy(p => p.CategoryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    internal sealed class CategoryInput
    {
        public string? Name { get; set; }

        public string? Slug { get; set; }

        [System.ComponentModel.DataAnnotations.Display(Name = "Parent")]
        public Guid? ParentId { get; set; }

        public string? Description { get; set; }

        [System.ComponentModel.DataAnnotations.Display(Name = "Position among its siblings")]
        public int SortOrder { get; set; }
    }
}
