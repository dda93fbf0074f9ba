namespace Nexus.Modules.Catalog.Domain;

internal sealed class Category
{
    private Category()
    {
    }

    public Category(Guid id, string name, string slug)
    {
        Id = id;
        Name = name;
        Slug = slug;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;
}
