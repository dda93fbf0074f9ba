namespace Nexus.Shared.Scheduling;

/// <summary>
/// A job that runs on a schedule. Register it with
/// <see cref="RecurringJobServiceCollectionExtensions.AddRecurringJob{TJob}"/>; Hangfire resolves it from a fresh
/// DI scope for every run.
/// </summary>
/// <remarks>
/// Public (and the method with it) because Hangfire invokes only public methods; the implementing class can stay
/// <c>internal sealed</c>. Hangfire's filters apply as attributes on the class, e.g.
/// <c>[AutomaticRetry(Attempts = 3)]</c> or <c>[DisableConcurrentExecution(600)]</c> for a job whose runs must not
/// overlap, also across instances.
/// </remarks>
public interface IRecurringJob
{
    /// <summary>Does one run. Throwing marks the run failed; Hangfire retries it (AutomaticRetry).</summary>
    /// <param name="cancellationToken">Cancelled when the instance shuts down: stop at the next safe point.</param>
    Task RunAsync(CancellationToken cancellationToken);
}
