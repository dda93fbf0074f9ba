using Microsoft.AspNetCore.Builder;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Hosting;

/// <summary>What a host's <see cref="NexusHostDefinition.ConfigureServices"/> may build on.</summary>
public sealed record NexusHostContext(WebApplicationBuilder Builder, string DataPath, DatabaseSettings Database);
