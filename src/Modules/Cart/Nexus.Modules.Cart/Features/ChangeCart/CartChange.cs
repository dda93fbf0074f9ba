namespace Nexus.Modules.Cart.Features.ChangeCart;

/// <summary>
/// What a cart change did, for the page or the script: <see cref="Found"/> false means there was nothing to change
/// (unknown variant, someone else's line, no cart) and the caller answers 404; <see cref="Message"/> is what the
/// shopper reads ("Added 2 × Lamp to your cart.", "Only 3 left: your cart holds 3.").
/// </summary>
internal sealed record CartChange(bool Found, bool Changed, string Message, Guid? CartId, int ItemCount)
{
    public static CartChange NotFound(string message) => new(false, false, message, null, 0);
}
