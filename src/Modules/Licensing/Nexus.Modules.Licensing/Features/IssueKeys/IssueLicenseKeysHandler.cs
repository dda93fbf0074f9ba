using MediatR;
using Nexus.Modules.Licensing.Contracts;

namespace Nexus.Modules.Licensing.Features.IssueKeys;

internal sealed class IssueLicenseKeysHandler : IRequestHandler<IssueLicenseKeys, IReadOnlyList<IssuedLicenseKey>>
{
    private readonly KeyIssuance issuance;

    public IssueLicenseKeysHandler(KeyIssuance issuance) => this.issuance = issuance;

    public Task<IReadOnlyList<IssuedLicenseKey>> Handle(IssueLicenseKeys request, CancellationToken cancellationToken) =>
        issuance.IssueAsync(request.OrderId, request.CustomerId, request.Lines, cancellationToken);
}
