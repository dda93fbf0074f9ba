namespace Nexus.Modules.Catalog.Domain;

/// <summary>What an old slug belonged to.</summary>
internal enum SlugKind
{
    Product,
    Category,
}

/// <summary>
/// An old URL that must keep working after a slug change: <c>/products/{OldSlug}</c> (or <c>/categories/...</c>)
/// answers 301 to the current slug of <see cref="TargetId"/>. Keyed by kind and old slug, so a slug given up twice
/// points at whoever gave it up last.
/// </summary>
internal sealed class SlugRedirect
{
    private SlugRedirect()
    {
    }

    public SlugRedirect(SlugKind kind, string oldSlug, Guid targetId, DateTime createdAt)
    {
        Kind = kind;
        OldSlug = oldSlug;
        TargetId = targetId;
        CreatedAt = createdAt;
    }

    public SlugKind Kind { get; private set; }

    public string OldSlug { get; private set; } = string.Empty;

    public Guid TargetId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public void PointAt(Guid targetId, DateTime now)
    {
        TargetId = targetId;
        CreatedAt = now;
    }
}
