namespace Nexus.Modules.Content.Domain;

/// <summary>One of the shop's own pages. Its slug is fixed (the footer links to it); title and text are the admin's.</summary>
internal sealed class ContentPage
{
    public const int TitleMaxLength = 120;
    public const int BodyMaxLength = 20_000;
    public const int SlugMaxLength = 64;

    private ContentPage()
    {
    }

    public ContentPage(string slug, string title, string bodyMarkdown, DateTime updatedAt)
    {
        Slug = slug;
        Title = title;
        BodyMarkdown = bodyMarkdown;
        UpdatedAt = updatedAt;
    }

    public string Slug { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string BodyMarkdown { get; private set; } = string.Empty;

    public DateTime UpdatedAt { get; private set; }

    /// <summary>The user id of the admin who saved it last; null for the default text.</summary>
    public string? UpdatedBy { get; private set; }

    public void Edit(string title, string bodyMarkdown, string editorId, DateTime at)
    {
        Title = title;
        BodyMarkdown = bodyMarkdown;
        UpdatedBy = editorId;
        UpdatedAt = at;
    }
}
