using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Modules.Content.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Content;

/// <summary>
/// Content: the shop's own pages linked from every footer — contact, shipping and returns, privacy — at
/// <c>/pages/{slug}</c>, written in Markdown (raw HTML is not rendered) and edited by admins at <c>/admin/content</c>.
/// The pages exist from the first migration with sensible default texts, so a new shop never links to a 404.
/// </summary>
public static class ContentModule
{
    public const string Name = "Content";

    /// <summary>The pages the shop has, in footer order (the sitemap lists them too).</summary>
    public static IReadOnlyList<string> PageSlugs { get; } = ["contact", "shipping-returns", "privacy"];

    public static IServiceCollection AddContentModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration); // no settings of its own
        services.AddModuleDbContext<ContentDbContext>(Name, ContentDbContext.SchemaName);
        services.AddModuleHandlers(typeof(ContentModule).Assembly);
        services.AddSingleton(new BackOfficeSection("Pages", "/admin/content", "Contact, shipping and returns, privacy: the footer's pages", NexusPolicies.Admin, Order: 250));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapContentModule(this IEndpointRouteBuilder endpoints) => endpoints;
}
