using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Scheduling;

namespace Nexus.Modules.Cart.Features.Expiry;

/// <summary>The recurring job (<c>cart.delete-abandoned-guest-carts</c>); runs never overlap, also across instances.</summary>
[DisableConcurrentExecution(600)]
internal sealed partial class DeleteAbandonedGuestCartsJob(IMediator mediator, ILogger<DeleteAbandonedGuestCartsJob> logger) : IRecurringJob
{
    public const string Id = "cart.delete-abandoned-guest-carts";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await mediator.Send(new DeleteAbandonedGuestCarts(), cancellationToken);
        if (deleted > 0)
        {
            LogRun(deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} guest carts nobody touched within their lifetime")]
    private partial void LogRun(int count);
}
