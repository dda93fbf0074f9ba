using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.SaveProduct;

/// <summary>
/// Creates a product (<see cref="Id"/> null) or updates one from the back office's editor. <see cref="Version"/> is
/// the concurrency token the form was rendered with: when someone else saved the product since, nothing is written
/// and the result says so (the page keeps what the admin typed). Stock of existing variants is not set here — that is
/// an inventory adjustment with a reason — but a new variant starts with <see cref="VariantInput.Stock"/>.
/// </summary>
internal sealed record SaveProduct(
    Guid? Id,
    int Version,
    string Sku,
    string Name,
    string? Slug,
    string? Summary,
    string DescriptionMarkdown,
    string? MetaDescription,
    long PriceMinor,
    long? CompareAtPriceMinor,
    Guid CategoryId,
    bool IsDigital,
    bool IsPublished,
    int LowStockThreshold,
    IReadOnlyList<string> Tags,
    IReadOnlyList<(string Name, string Value)> Specifications,
    IReadOnlyList<string> OptionNames,
    IReadOnlyList<VariantInput> Variants,
    string ActorId) : ICommand<SaveProductResult>;

/// <summary>One variant row of the editor; <see cref="Id"/> null adds one, <see cref="Remove"/> removes it.</summary>
internal sealed record VariantInput(Guid? Id, string Sku, string? Option1, string? Option2, string? Option3, long? PriceMinor, int Stock, bool Remove);

/// <summary>The saved product, or why not: unknown (deleted meanwhile), or changed by someone else since the form was opened.</summary>
internal sealed record SaveProductResult(Guid? ProductId, SaveProductOutcome Outcome);

internal enum SaveProductOutcome
{
    Saved,
    NotFound,
    Conflict,
}
