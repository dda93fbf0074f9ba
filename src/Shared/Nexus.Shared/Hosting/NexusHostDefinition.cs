using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Shared.Modules;

namespace Nexus.Shared.Hosting;

/// <summary>
/// What makes one Nexus process differ from another: its name, its modules and the few services only it has (how
/// people sign in, the job server, embedded sub-apps). Everything else — logging, the database, the security
/// middleware and its order, rate limiting, health endpoints — comes from <see cref="NexusHostExtensions"/> and is
/// the same in every host, so an extracted service is the same program with fewer modules.
/// </summary>
public sealed class NexusHostDefinition
{
    /// <summary>Data-protection application name (cookies and antiforgery tokens of one host are not another's).</summary>
    public required string Name { get; init; }

    /// <summary>Log file name in the data folder's <c>logs/</c>.</summary>
    public string LogFileName { get; init; } = "nexus";

    /// <summary>Every module this host can run (each can be switched off with <c>Modules:&lt;Name&gt;:Enabled=false</c>).</summary>
    public required IReadOnlyList<ModuleDefinition> Modules { get; init; }

    /// <summary>
    /// The friendly error page and status page path format (<c>/status/{0}</c>) a host with its own layout re-executes
    /// for pages; without them every failure answers ProblemDetails / a plain status page.
    /// </summary>
    public (string ErrorPath, string StatusPathFormat)? ErrorPages { get; init; }

    /// <summary>The host's own services: after the shared ones (the database is registered), before the modules.</summary>
    public Action<NexusHostContext>? ConfigureServices { get; init; }

    /// <summary>Host-specific Razor Pages conventions (on top of the shared ones).</summary>
    public Action<RazorPagesOptions>? ConfigurePages { get; init; }
}
