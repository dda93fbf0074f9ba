using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Promotions.Contracts;

/// <summary>
/// Would this code apply to a cart now, and how much would it take off? Changes nothing (the cart shows the answer;
/// only <see cref="RedeemCoupon"/> at checkout uses the code up).
/// </summary>
/// <param name="Code">As the shopper typed it; compared without regard to case or surrounding spaces.</param>
/// <param name="CustomerKey">The customer's id, or the guest's e-mail address in lower case, or null when not yet known
/// (the per-customer limit is then checked at redemption).</param>
/// <param name="SubtotalMinor">The cart's subtotal the discount applies to, minor units.</param>
public sealed record EvaluateCoupon(string Code, string? CustomerKey, long SubtotalMinor, string Currency) : IQuery<CouponEvaluation>;

/// <param name="Applies">True when the code takes <see cref="DiscountMinor"/> off.</param>
/// <param name="Code">The coupon's code as the shop wrote it (or the typed code when unknown).</param>
/// <param name="DiscountMinor">Never more than the subtotal; 0 when it does not apply.</param>
/// <param name="Message">For the shopper: what it takes off ("10% off") or why it does not apply ("This code expired
/// on 1 December.", "Spend at least $50.00 to use this code.").</param>
public sealed record CouponEvaluation(bool Applies, string Code, long DiscountMinor, string Message);
