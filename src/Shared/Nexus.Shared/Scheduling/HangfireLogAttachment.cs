using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Scheduling;

/// <summary>Routes Hangfire's log lines to this host's logging while it runs (see <see cref="HangfireLogRouting"/>).</summary>
internal sealed class HangfireLogAttachment(ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private IDisposable? attachment;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        attachment = HangfireLogRouting.Attach(loggerFactory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // On dispose rather than stop: the job server (stopped after this, hosted services stop in reverse) still logs.
    public void Dispose()
    {
        attachment?.Dispose();
        attachment = null;
    }
}
