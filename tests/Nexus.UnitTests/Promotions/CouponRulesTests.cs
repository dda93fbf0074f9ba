using Nexus.Modules.Promotions.Domain;

namespace Nexus.UnitTests.Promotions;

/// <summary>Each reason a code does not apply has its own message, with the date in the shop's zone and the amount.</summary>
internal sealed class CouponRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private static readonly CouponRules Rules = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    private static Coupon Coupon(Action<Coupon>? change = null)
    {
        var coupon = new Coupon { Code = "SAVE5", Kind = CouponKind.FixedAmount, AmountOffMinor = 500, Currency = "USD", MinimumSubtotalMinor = 3000, Active = true };
        change?.Invoke(coupon);
        return coupon;
    }

    [Test]
    public void Applies_with_what_it_takes_off()
    {
        var check = Rules.Check(Coupon(), 4000, "USD", Now, customerUses: 0);
        check.Refusal.Should().Be(CouponRefusal.None);
        check.Evaluation.Should().Be(new Nexus.Modules.Promotions.Contracts.CouponEvaluation(true, "SAVE5", 500, "SAVE5: $5.00 off (−$5.00)."));
    }

    [Test]
    public void Says_exactly_why_it_does_not_apply()
    {
        Rules.Check(Coupon(c => c.Active = false), 4000, "USD", Now, 0).Evaluation.Message.Should().Be("The code SAVE5 is no longer active.");
        // 23:30 UTC on 4 December is already the 5th in Berlin: the shopper reads the shop's date.
        Rules.Check(Coupon(c => c.StartsAt = new DateTime(2026, 12, 4, 23, 30, 0, DateTimeKind.Utc)), 4000, "USD", Now, 0).Evaluation.Message
            .Should().Be("The code SAVE5 can be used from 5 December 2026.");
        // Ends at midnight Berlin time on 2 December: the last day it worked was 1 December.
        Rules.Check(Coupon(c => c.EndsAt = new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc)), 4000, "USD", Now, 0).Evaluation.Message
            .Should().Be("The code SAVE5 expired on 1 December 2026.");
        Rules.Check(Coupon(), 2999, "USD", Now, 0).Evaluation.Message.Should().Be("Spend at least $30.00 to use the code SAVE5 (your subtotal is $29.99).");
        Rules.Check(Coupon(c => { c.UsageCap = 10; c.UsedCount = 10; }), 4000, "USD", Now, 0).Evaluation.Message.Should().Be("The code SAVE5 has been used up.");
        Rules.Check(Coupon(c => c.PerCustomerLimit = 1), 4000, "USD", Now, 1).Evaluation.Message.Should().Be("You have already used the code SAVE5.");
        Rules.Check(Coupon(c => c.PerCustomerLimit = 3), 4000, "USD", Now, 3).Evaluation.Message.Should().Be("You have already used the code SAVE5 3 times, the most it allows.");
        Rules.Check(Coupon(), 4000, "EUR", Now, 0).Evaluation.Message.Should().Be("The code SAVE5 is for orders in USD.");
        CouponRules.Unknown(" nope10 ").Evaluation.Message.Should().Be("We don't know the code NOPE10. Check it and try again.");
        CouponRules.Unknown("<script>").Evaluation.Message.Should().StartWith("That is not a code we know.");
    }

    [Test]
    public void A_refusal_takes_nothing_off_and_an_unknown_customer_is_not_held_to_the_limit()
    {
        Rules.Check(Coupon(), 10, "USD", Now, 0).Evaluation.DiscountMinor.Should().Be(0);
        Rules.Check(Coupon(c => c.PerCustomerLimit = 1), 4000, "USD", Now, customerUses: null).Evaluation.Applies.Should().BeTrue();
    }

    [TestCase("welcome10", true)]
    [TestCase(" SAVE-5_x ", true)]
    [TestCase("AB", false)]
    [TestCase("THIRTY-THREE-CHARACTERS-LONG-CODE", false)]
    [TestCase("ÄBC", false)]
    [TestCase("a b c", false)]
    public void Codes_are_normalised_and_checked(string typed, bool valid) =>
        CouponCode.IsValid(CouponCode.Normalise(typed)).Should().Be(valid);
}
