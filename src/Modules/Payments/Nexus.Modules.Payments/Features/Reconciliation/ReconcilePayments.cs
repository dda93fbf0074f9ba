using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Features.Reconciliation;

/// <summary>Settles payments left processing and refunds left pending past <see cref="PaymentsOptions.ReconcileAfter"/> by asking the provider.</summary>
internal sealed record ReconcilePayments : ICommand<ReconciliationReport>;
