using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Application;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Catalog.Features.AdjustStock;

/// <summary>
/// Changes one variant's stock by <see cref="Delta"/> with a reason, adding a row to the inventory trail (who, why,
/// what it left) and raising "stock changed" — and "low stock" when the product falls to its threshold.
/// </summary>
internal sealed record AdjustStock(Guid VariantId, int Delta, string Reason, string ActorId) : ICommand<AdjustStockResult>;

internal sealed record AdjustStockResult(bool Found, int StockAfter);

/// <summary>Sets the stock level at or below which a product is listed as low on stock.</summary>
internal sealed record SetLowStockThreshold(Guid ProductId, int Threshold) : ICommand<bool>;

internal sealed class AdjustStockValidator : AbstractValidator<AdjustStock>
{
    public AdjustStockValidator(CatalogDbContext db)
    {
        RuleFor(c => c.Delta).NotEqual(0).WithMessage("Enter how many units to add (e.g. 10) or take away (e.g. -3).")
            .InclusiveBetween(-1_000_000, 1_000_000).WithMessage("A change is at most 1,000,000 units.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why (e.g. delivery received, stock count, damaged).")
            .MaximumLength(InventoryAdjustment.ReasonMaxLength);
        RuleFor(c => c)
            .MustAsync(async (c, ct) => await db.Variants.Where(v => v.Id == c.VariantId).Select(v => (int?)v.StockOnHand).FirstOrDefaultAsync(ct) is not { } stock || stock + c.Delta >= 0)
            .WithMessage("Stock cannot go below zero.")
            .OverridePropertyName(nameof(AdjustStock.Delta));
    }
}

internal sealed class SetLowStockThresholdValidator : AbstractValidator<SetLowStockThreshold>
{
    public SetLowStockThresholdValidator() =>
        RuleFor(c => c.Threshold).InclusiveBetween(0, 1_000_000).WithMessage("The threshold is 0 to 1,000,000 units.");
}

/// <summary>
/// Moves the stock the way reservations do (<see cref="StockLedger"/>, docs/decisions/0016): one conditional update
/// relative to the stock as it is when it runs, in a transaction of its own with its trail row and events. Loading the
/// product and saving it back would write the stock read at load time over an order's reservation made in between.
/// </summary>
internal sealed class AdjustStockHandler(CatalogDbContext db, CatalogChangeSignal changeSignal, OutboxSignal outboxSignal, TimeProvider clock)
    : IRequestHandler<AdjustStock, AdjustStockResult>
{
    public async Task<AdjustStockResult> Handle(AdjustStock request, CancellationToken cancellationToken)
    {
        var productId = await db.Variants.AsNoTracking().Where(v => v.Id == request.VariantId)
            .Join(db.Products.NotDeleted(), v => v.ProductId, p => p.Id, (v, p) => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (productId is null)
        {
            return new AdjustStockResult(false, 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reason = request.Reason.Trim();
        int after;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await StockLedger.TryMoveAsync(db, request.VariantId, request.Delta, cancellationToken))
            {
                // The validator checked this against the stock it read; orders took stock since.
                throw new RequestValidationException(new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    [nameof(AdjustStock.Delta)] = ["Stock cannot go below zero."],
                });
            }

            await StockLedger.MoveProductTotalByHandAsync(db, productId.Value, request.Delta, now, cancellationToken);
            after = await StockLedger.RecordAsync(db, [new StockLedger.Move(productId.Value, request.VariantId, request.Delta)], reason, reason, request.ActorId, now, cancellationToken);
            await changeSignal.SignalAfterCommitAsync(db);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }

        outboxSignal.Notify(CatalogModule.Name);
        return new AdjustStockResult(true, after);
    }
}

internal sealed class SetLowStockThresholdHandler(CatalogDbContext db, IIntegrationEventPublisher events, TimeProvider clock) : IRequestHandler<SetLowStockThreshold, bool>
{
    public async Task<bool> Handle(SetLowStockThreshold request, CancellationToken cancellationToken)
    {
        var product = await db.Products.NotDeleted().FirstOrDefaultAsync(p => p.Id == request.ProductId, cancellationToken);
        if (product is null)
        {
            return false;
        }

        product.SetLowStockThreshold(request.Threshold, clock.GetUtcNow().UtcDateTime);
        ProductEvents.Updated(events, product, product.Version + 1);
        return true;
    }
}
