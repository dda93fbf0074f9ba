using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Promotions.Contracts;

/// <summary>
/// Uses the code up for an order being placed: checks it like <see cref="EvaluateCoupon"/> and counts the use against
/// the total cap and the per-customer limit in one atomic step, so the cap holds under any number of concurrent
/// checkouts. Idempotent per <see cref="OrderReference"/>: a retried checkout answers the first outcome.
/// </summary>
public sealed record RedeemCoupon(string Code, string OrderReference, string CustomerKey, long SubtotalMinor, string Currency) : ICommand<CouponEvaluation>;

/// <summary>
/// Gives an order's use of a code back (payment failed, order cancelled before it was paid). Idempotent; false when
/// the order used no code.
/// </summary>
public sealed record ReleaseCouponRedemption(string OrderReference) : ICommand<bool>;
