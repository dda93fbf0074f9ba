using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Nexus.Shared.Scheduling;
using Nexus.Shared.Startup;

namespace Nexus.IntegrationTests.Scheduling;

/// <summary>Records which instance (data folder) ran it; one test uses it, so the record is static.</summary>
internal sealed class CountingJob(IOptions<NexusOptions> options) : IRecurringJob
{
    public static ConcurrentQueue<string> Runs { get; } = new();

    public Task RunAsync(CancellationToken cancellationToken)
    {
        Runs.Enqueue(options.Value.DataPath);
        return Task.CompletedTask;
    }
}
