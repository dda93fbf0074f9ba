namespace Nexus.Modules.Promotions.Domain;

/// <summary>Why a code does not apply (None when it does). Each has its own message for the shopper.</summary>
internal enum CouponRefusal
{
    None = 0,
    Unknown,
    Inactive,
    NotStarted,
    Expired,
    WrongCurrency,
    MinimumNotReached,
    NothingToDiscount,
    UsedUp,
    AlreadyUsedByCustomer,
}
