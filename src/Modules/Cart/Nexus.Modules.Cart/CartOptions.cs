using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Cart;

/// <summary><c>Modules:Cart</c>. The shop's money rules (tax, shipping) are not here: Admin edits them in the back office.</summary>
internal sealed class CartOptions
{
    /// <summary>How long a guest's cart cookie (and an untouched guest cart) lives.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan GuestCartLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most of one variant a cart line may hold (also the quantity field's max).</summary>
    [Range(1, 10_000)]
    public int MaxQuantityPerLine { get; set; } = 99;

    /// <summary>The most lines one cart may hold.</summary>
    [Range(1, 500)]
    public int MaxLines { get; set; } = 50;

    /// <summary>Cart changes (add, update, remove, coupon) one client address may make per minute.</summary>
    [Range(1, 100_000)]
    public int ChangesPerMinute { get; set; } = 120;
}
