using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nexus.Modules.Cart.Data;

namespace Nexus.Modules.Cart.Web;

/// <summary>
/// Sends a cart command, again (up to five attempts) if it lost a race (two tabs changing the same cart, a merge at the same moment:
/// the concurrency token or a unique index refused it). The loser's tracked changes are dropped before the retry, so
/// nothing from the failed attempt is saved later in the request.
/// </summary>
internal sealed partial class CartCommands
{
    private const int MaxAttempts = 5;

    private readonly IMediator mediator;
    private readonly CartDbContext db;
    private readonly ILogger<CartCommands> logger;

    public CartCommands(IMediator mediator, CartDbContext db, ILogger<CartCommands> logger)
    {
        this.mediator = mediator;
        this.db = db;
        this.logger = logger;
    }

    public async Task<T> SendAsync<T>(IRequest<T> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // A few attempts with a short random pause: one retry was not enough when several requests changed one cart
        // at once (the hostile-input sweep's parallel posts as one admin gave 500s); each attempt re-reads the cart.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await mediator.Send(command, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts)
            {
                LogRetry(logger, command.GetType().Name, e.GetType().Name);
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cart command {Command} lost a race ({Failure}); sending it again")]
    private static partial void LogRetry(ILogger logger, string command, string failure);
}
