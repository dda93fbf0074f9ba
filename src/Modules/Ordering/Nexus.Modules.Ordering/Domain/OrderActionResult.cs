namespace Nexus.Modules.Ordering.Domain;

/// <summary>
/// What asking an order to do something came to: done, or refused with a sentence a member of staff (or the customer)
/// can act on ("An order that has shipped cannot be cancelled."). Refusals are answers, not exceptions: they come
/// from people clicking a button on a page that was a minute old. <see cref="InvalidInput"/> tells the two kinds of
/// refusal apart for the API: what was asked is malformed (400) or the order cannot do it now (409).
/// </summary>
internal sealed record OrderActionResult(bool Done, string Message, bool InvalidInput = false)
{
    public static OrderActionResult Ok(string message) => new(true, message);

    /// <summary>The order's state (or the provider) does not allow it now.</summary>
    public static OrderActionResult Refused(string message) => new(false, message);

    /// <summary>What was asked cannot be read or is out of range: a missing reason, a tracking number with spaces.</summary>
    public static OrderActionResult Invalid(string message) => new(false, message, InvalidInput: true);
}
