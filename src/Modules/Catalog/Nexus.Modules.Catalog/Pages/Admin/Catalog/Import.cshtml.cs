using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Catalog.Features.ImportProducts;
using Nexus.Modules.Catalog.Imports;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Catalog.Pages.Admin.Catalog;

/// <summary>
/// Uploads a CSV for import: the file is streamed to the data folder, a status is written and the Hangfire job queued,
/// and the admin is sent to the progress page at once. Admins only; Support sees the page without the form.
/// </summary>
[Authorize(Policy = NexusPolicies.BackOffice)]
[RequestSizeLimit(MaxUploadBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + (1024 * 1024))]
internal sealed class ImportModel(IAuthorizationService authorization, ProductImportStore store, IBackgroundJobClient jobs, TimeProvider clock) : PageModel
{
    /// <summary>200 MB: far more than 50,000 rows (about 15 MB), still a bound.</summary>
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public bool CanImport { get; private set; }

    /// <summary>Only for the validation message's key; the upload is bound as the handler's parameter.</summary>
    public IFormFile? Upload { get; set; }

    public async Task OnGetAsync() => CanImport = await IsAdminAsync();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, bool dryRun, CancellationToken cancellationToken)
    {
        if (!await IsAdminAsync())
        {
            return Forbid();
        }

        CanImport = true;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file to upload.");
            return Page();
        }

        var id = Guid.NewGuid().ToString("N");
        await using (var upload = file.OpenReadStream())
        {
            if (!await store.SaveUploadAsync(id, upload, MaxUploadBytes, cancellationToken))
            {
                ModelState.AddModelError(nameof(Upload), $"The file is larger than {MaxUploadBytes / (1024 * 1024)} MB; split it into smaller files.");
                return Page();
            }
        }

        var actor = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var name = Path.GetFileName(file.FileName);
        await store.WriteAsync(new ProductImportStatus(
            id, name.Length > 200 ? name[..200] : name, dryRun, actor, clock.GetUtcNow().UtcDateTime, ProductImportState.Queued,
            0, 0, 0, 0, 0, 0, [], false, null, null), cancellationToken);
        jobs.Enqueue<ImportProductsJob>(job => job.RunAsync(id, CancellationToken.None));
        return Redirect($"/admin/catalog/import/{id}");
    }

    private async Task<bool> IsAdminAsync() => (await authorization.AuthorizeAsync(User, NexusPolicies.Admin)).Succeeded;
}
