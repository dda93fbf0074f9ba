namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// A customer's stars and words about a product they bought (every review is a verified purchase: the rules refuse
/// others). One per customer and product. Hidden reviews stay stored but leave the page and the average.
/// </summary>
internal sealed class ProductReview
{
    public const int TitleMaxLength = 120;
    public const int BodyMinLength = 10;
    public const int BodyMaxLength = 4000;
    public const int AuthorMaxLength = 80;
    public const int CustomerIdMaxLength = 64;

    private ProductReview()
    {
    }

    public ProductReview(Guid id, Guid productId, string customerId, string authorName, int rating, string? title, string body, DateTime createdAt)
    {
        if (rating is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is 1 to 5 stars.");
        }

        Id = id;
        ProductId = productId;
        CustomerId = customerId;
        AuthorName = authorName;
        Rating = rating;
        Title = title;
        Body = body;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    public string CustomerId { get; private set; } = string.Empty;

    public string AuthorName { get; private set; } = string.Empty;

    public int Rating { get; private set; }

    public string? Title { get; private set; }

    public string Body { get; private set; } = string.Empty;

    public bool IsHidden { get; private set; }

    public DateTime? HiddenAt { get; private set; }

    public string? HiddenBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public void Hide(string by, DateTime now)
    {
        IsHidden = true;
        HiddenAt = now;
        HiddenBy = by;
    }

    public void Unhide()
    {
        IsHidden = false;
        HiddenAt = null;
        HiddenBy = null;
    }
}
