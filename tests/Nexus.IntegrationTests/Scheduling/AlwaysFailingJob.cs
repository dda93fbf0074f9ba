using Hangfire;
using Nexus.Shared.Scheduling;

namespace Nexus.IntegrationTests.Scheduling;

/// <summary>A job that always throws, retried once after a second, so a test sees a retry and then Failed.</summary>
[AutomaticRetry(Attempts = 1, DelaysInSeconds = [1])]
internal sealed class AlwaysFailingJob : IRecurringJob
{
    public const string Message = "The test job failed on purpose.";

    public Task RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(Message);
}
