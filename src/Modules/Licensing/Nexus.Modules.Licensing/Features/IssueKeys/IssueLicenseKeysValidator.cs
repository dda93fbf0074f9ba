using FluentValidation;
using Nexus.Modules.Licensing.Contracts;

namespace Nexus.Modules.Licensing.Features.IssueKeys;

internal sealed class IssueLicenseKeysValidator : AbstractValidator<IssueLicenseKeys>
{
    public IssueLicenseKeysValidator()
    {
        RuleFor(r => r.OrderId).NotEmpty();
        RuleFor(r => r.CustomerId).NotEmpty().MaximumLength(64);
        RuleForEach(r => r.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.ProductId).NotEmpty();
            line.RuleFor(l => l.ProductName).NotEmpty().MaximumLength(200);
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, 100);
        });
    }
}
