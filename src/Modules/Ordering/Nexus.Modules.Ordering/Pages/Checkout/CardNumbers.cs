namespace Nexus.Modules.Ordering.Pages.Checkout;

/// <summary>
/// The shape of a card number, checked before anything is placed or sent (the provider judges the number itself).
/// The test cards are those of the NexusPay stub (docs/decisions/0019), shown only while it is the provider.
/// </summary>
internal static class CardNumbers
{
    public static IReadOnlyList<(string Number, string Outcome)> TestCards { get; } =
    [
        ("4242 4242 4242 4242", "succeeds"),
        ("4000 0000 0000 0002", "is declined"),
        ("4000 0000 0000 9995", "is declined: insufficient funds"),
        ("4000 0027 6000 3184", "asks for a challenge (3-D Secure)"),
        ("4000 0000 0000 0408", "answers late (settled by the webhook)"),
    ];

    /// <summary>Null when it looks like a card number; otherwise the message for the field.</summary>
    public static string? Problem(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return "Enter the card number.";
        }

        if (typed.Length > 30 || typed.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-')))
        {
            return "A card number has only digits (spaces and dashes are fine).";
        }

        var digits = typed.Count(char.IsAsciiDigit);
        return digits is < 12 or > 19 ? "A card number has 12 to 19 digits." : null;
    }
}
