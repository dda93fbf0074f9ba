using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nexus.Modules.Cart.Data;

namespace Nexus.Modules.Cart.Web;

/// <summary>
/// Sends a cart command, once more if it lost a race (two tabs changing the same cart, a merge at the same moment:
/// the concurrency token or a unique index refused it). The loser's tracked changes are dropped before the retry, so
/// nothing from the failed attempt is saved later in the request.
/// </summary>
internal sealed partial class CartCommands
{
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
        try
        {
            return await mediator.Send(command, cancellationToken);
        }
        catch (DbUpdateException e)
        {
            LogRetry(logger, command.GetType().Name, e.GetType().Name);
            db.ChangeTracker.Clear();
            return await mediator.Send(command, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cart command {Command} lost a race ({Failure}); sending it again")]
    private static partial void LogRetry(ILogger logger, string command, string failure);
}
