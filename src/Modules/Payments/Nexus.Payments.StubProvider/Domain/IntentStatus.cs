namespace Nexus.Payments.StubProvider.Domain;

/// <summary>The provider's intent statuses, spelled as its API spells them.</summary>
internal static class IntentStatus
{
    public const string RequiresPaymentMethod = "requires_payment_method";
    public const string Processing = "processing";
    public const string RequiresAction = "requires_action";
    public const string Succeeded = "succeeded";
}
