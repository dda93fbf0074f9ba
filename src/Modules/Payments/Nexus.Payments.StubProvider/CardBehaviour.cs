namespace Nexus.Payments.StubProvider;

internal enum CardBehaviour
{
    Success,
    Decline,
    InsufficientFunds,
    RequiresAction,
    Slow,
    IncorrectNumber,

    /// <summary>A well-formed number that is not a test card: test mode declines it.</summary>
    LiveCard,
}
