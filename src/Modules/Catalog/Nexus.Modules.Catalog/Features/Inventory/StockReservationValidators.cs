using FluentValidation;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.Inventory;

internal sealed class ReserveStockValidator : AbstractValidator<ReserveStock>
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 10_000;

    public ReserveStockValidator()
    {
        RuleFor(c => c.OrderReference).NotEmpty().WithMessage("An order reference is required.")
            .MaximumLength(StockReservation.OrderReferenceMaxLength).WithMessage($"An order reference is at most {StockReservation.OrderReferenceMaxLength} characters.");
        RuleFor(c => c.Lines).NotNull().WithMessage("Say what to reserve.")
            .Must(lines => lines is null || lines.Count is >= 1 and <= MaxLines).WithMessage($"Reserve 1 to {MaxLines} lines at once.")
            .Must(lines => lines is null || lines.Where(l => l is not null).Select(l => l.VariantId).Distinct().Count() == lines.Count(l => l is not null))
            .WithMessage("Each variant appears once; add the quantities up.");
        RuleForEach(c => c.Lines).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.VariantId).NotEmpty().WithMessage("Each line names a variant.");
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, MaxQuantity).WithMessage($"A quantity is 1 to {MaxQuantity:N0}.");
        });
    }
}

internal sealed class ReleaseStockValidator : AbstractValidator<ReleaseStock>
{
    public ReleaseStockValidator()
    {
        RuleFor(c => c.OrderReference).NotEmpty().MaximumLength(StockReservation.OrderReferenceMaxLength);
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the stock goes back (e.g. payment failed).")
            .MaximumLength(StockReservation.ReasonMaxLength);
    }
}

internal sealed class CommitStockValidator : AbstractValidator<CommitStock>
{
    public CommitStockValidator() =>
        RuleFor(c => c.OrderReference).NotEmpty().MaximumLength(StockReservation.OrderReferenceMaxLength);
}
