namespace Nexus.Modules.Payments.Features.Reconciliation;

/// <summary>What one reconciliation run did: payments looked at and settled, refunds completed, and those the provider could not answer for (left for the next run).</summary>
internal sealed record ReconciliationReport(int PaymentsChecked, int PaymentsSettled, int RefundsCompleted, int Unanswered);
