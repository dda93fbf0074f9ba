using Hangfire;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Scheduling;

namespace Nexus.Modules.Ordering.Features.Cancellation;

/// <summary>The recurring job (<c>ordering.cancel-unpaid-orders</c>); runs never overlap, also across instances.</summary>
[DisableConcurrentExecution(300)]
internal sealed partial class CancelUnpaidOrdersJob(UnpaidOrderSweep sweep, ILogger<CancelUnpaidOrdersJob> logger) : IRecurringJob
{
    public const string Id = "ordering.cancel-unpaid-orders";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var (cancelled, released) = await sweep.RunAsync(cancellationToken);
        if (cancelled > 0 || released > 0)
        {
            LogRun(cancelled, released);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unpaid orders: {Cancelled} cancelled, {Released} released (stock and coupon use given back)")]
    private partial void LogRun(int cancelled, int released);
}
