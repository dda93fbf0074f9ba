namespace Nexus.Payments.StubProvider;

/// <summary>
/// The test cards (Stripe's numbers where Stripe has one): any expiry and CVC are accepted, only the number counts.
/// </summary>
internal static class TestCards
{
    public const string Success = "4242424242424242";
    public const string Decline = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string RequiresAction = "4000002760003184";

    /// <summary>The provider answers only after <see cref="NexusPayOptions.SlowCardDelay"/> (then succeeds): a shop with a shorter timeout sees none.</summary>
    public const string Slow = "4000000000000408";

    public static CardBehaviour Classify(string? typed)
    {
        var digits = new string((typed ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit) || !PassesLuhn(digits))
        {
            return CardBehaviour.IncorrectNumber;
        }

        return digits switch
        {
            Success => CardBehaviour.Success,
            Decline => CardBehaviour.Decline,
            InsufficientFunds => CardBehaviour.InsufficientFunds,
            RequiresAction => CardBehaviour.RequiresAction,
            Slow => CardBehaviour.Slow,
            _ => CardBehaviour.LiveCard,
        };
    }

    public static string Last4(string? typed)
    {
        var digits = new string((typed ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 4 ? digits[^4..] : digits;
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
