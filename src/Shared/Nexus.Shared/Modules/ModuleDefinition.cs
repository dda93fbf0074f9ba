using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nexus.Shared.Modules;

/// <summary>
/// How the host knows a module: its name (for <c>Modules:&lt;Name&gt;:Enabled</c>), the assembly holding its
/// pages, and its <c>Add&lt;Name&gt;Module</c> / <c>Map&lt;Name&gt;Module</c> pair. Listed explicitly in the host.
/// </summary>
public sealed record ModuleDefinition(
    string Name,
    Assembly Assembly,
    Action<IServiceCollection, IConfiguration> Add,
    Action<IEndpointRouteBuilder> Map);
