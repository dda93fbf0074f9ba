using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Scheduling;

namespace Nexus.Modules.Payments.Features.Reconciliation;

/// <summary>The recurring job (<c>payments.reconcile</c>): one reconciliation run; runs never overlap, also across instances.</summary>
[DisableConcurrentExecution(300)]
internal sealed partial class ReconcilePaymentsJob : IRecurringJob
{
    public const string Id = "payments.reconcile";

    private readonly IMediator mediator;
    private readonly ILogger<ReconcilePaymentsJob> logger;

    public ReconcilePaymentsJob(IMediator mediator, ILogger<ReconcilePaymentsJob> logger)
    {
        this.mediator = mediator;
        this.logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await mediator.Send(new ReconcilePayments(), cancellationToken);
        if (report.PaymentsChecked > 0 || report.RefundsCompleted > 0 || report.Unanswered > 0)
        {
            LogRun(report.PaymentsChecked, report.PaymentsSettled, report.RefundsCompleted, report.Unanswered);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment reconciliation: {Checked} payments checked, {Settled} settled, {Refunds} refunds completed, {Unanswered} left for the next run")]
    private partial void LogRun(int @checked, int settled, int refunds, int unanswered);
}
