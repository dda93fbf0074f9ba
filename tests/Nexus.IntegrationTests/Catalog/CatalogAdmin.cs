using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>Helpers for the catalog back-office tests: a host without demo data, categories, multipart posts, reads.</summary>
internal static class CatalogAdmin
{
    public static NexusHostFactory Host(bool jobs = false) => new NexusHostFactory(Settings(jobs)).WithTestAuthentication();

    /// <summary>The same host on a fresh PostgreSQL database (jobs stored there too).</summary>
    public static async Task<NexusHostFactory> HostOnPostgresAsync(bool jobs = false, IDictionary<string, string?>? more = null)
    {
        var settings = Settings(jobs);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return (await NexusHostFactory.OnPostgresAsync(settings)).WithTestAuthentication();
    }

    public static Dictionary<string, string?> Settings(bool jobs)
    {
        var settings = new Dictionary<string, string?> { ["Nexus:SeedDemoData"] = "false" };
        if (jobs)
        {
            settings["Scheduling:Enabled"] = "true";
            settings["Scheduling:PollInterval"] = "00:00:00.5";
        }

        return settings;
    }

    public static async Task<Guid> CategoryAsync(NexusHostFactory host, string name, string slug, Guid? parent = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var category = new Category(Guid.CreateVersion7(), name, slug, parent);
        db.Categories.Add(category);
        await db.SaveChangesAsync();
        return category.Id;
    }

    public static async Task<T> ReadAsync<T>(NexusHostFactory host, Func<CatalogDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CatalogDbContext>());
    }

    public static Task<List<string>> OutboxAsync(NexusHostFactory host) =>
        ReadAsync(host, db => db.Outbox.AsNoTracking().OrderBy(o => o.CreatedAt).Select(o => o.Name).ToListAsync());

    /// <summary>Posts a multipart form the way a browser does (antiforgery token from the page first).</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client, string path, IDictionary<string, string> fields, IEnumerable<(string Field, string FileName, byte[] Bytes, string ContentType)> files, string? handler = null)
    {
        var page = await client.GetStringAsync(path);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(FormPoster.TokenOf(page)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, bytes, contentType) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            content.Add(file, field, fileName);
        }

        var target = handler is null ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        return await client.PostAsync(target, content);
    }

    /// <summary>Uploads a CSV through the import page and polls its progress until the job ends; returns the final state.</summary>
    public static async Task<string> ImportAsync(this HttpClient admin, string csv, TimeSpan patience)
    {
        var response = await admin.PostMultipartAsync("/admin/catalog/import", new Dictionary<string, string>(), [("file", "products.csv", System.Text.Encoding.UTF8.GetBytes(csv), "text/csv")]);
        response.ShouldRedirect();
        var status = response.Headers.Location + "?handler=Status";
        string? state = null;
        await Eventually.TrueAsync(
            async () =>
            {
                using var json = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync(status));
                state = json.RootElement.GetProperty("state").GetString();
                return json.RootElement.GetProperty("finished").GetBoolean();
            },
            patience,
            "the import job finishes");
        return state!;
    }

    public static void ShouldRedirect(this HttpResponseMessage response) =>
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the post succeeds and redirects (an error re-renders the page with 200)");
}
