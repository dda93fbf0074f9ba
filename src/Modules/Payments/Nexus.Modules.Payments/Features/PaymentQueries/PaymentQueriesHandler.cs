using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Data;

namespace Nexus.Modules.Payments.Features.PaymentQueries;

internal sealed class PaymentQueriesHandler :
    IRequestHandler<GetPayment, PaymentDetails?>,
    IRequestHandler<GetPaymentsForOrder, IReadOnlyList<PaymentDetails>>
{
    private readonly PaymentsDbContext db;

    public PaymentQueriesHandler(PaymentsDbContext db) => this.db = db;

    public async Task<PaymentDetails?> Handle(GetPayment request, CancellationToken cancellationToken) =>
        (await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken))?.ToDetails();

    public async Task<IReadOnlyList<PaymentDetails>> Handle(GetPaymentsForOrder request, CancellationToken cancellationToken)
    {
        var reference = request.OrderReference ?? string.Empty;
        if (reference.Length is 0 or > 64)
        {
            return [];
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderReference == reference).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        return [.. payments.Select(p => p.ToDetails())];
    }
}
