namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// A shelf of the shop. Categories form a tree through <see cref="ParentId"/> (the storefront's menu and
/// "includes sub-categories" listings walk it); <see cref="SortOrder"/> orders siblings.
/// </summary>
internal sealed class Category
{
    public const int NameMaxLength = 100;
    public const int SlugMaxLength = 120;
    public const int DescriptionMaxLength = 2000;

    private Category()
    {
    }

    public Category(Guid id, string name, string slug, Guid? parentId = null, string description = "", int sortOrder = 0)
    {
        Id = id;
        Name = name;
        Slug = slug;
        ParentId = parentId;
        Description = description;
        SortOrder = sortOrder;
    }

    public Guid Id { get; private set; }

    public Guid? ParentId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }

    public void Rename(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>Moves the category under <paramref name="parentId"/> (null: to the top). The caller checks for cycles.</summary>
    public void MoveTo(Guid? parentId, int sortOrder)
    {
        if (parentId == Id)
        {
            throw new InvalidOperationException("A category cannot be its own parent.");
        }

        ParentId = parentId;
        SortOrder = sortOrder;
    }

    /// <summary>Gives the category a new slug and returns the old one, which the caller keeps as a <see cref="SlugRedirect"/>.</summary>
    public string ChangeSlug(string slug)
    {
        var old = Slug;
        Slug = slug;
        return old;
    }
}
