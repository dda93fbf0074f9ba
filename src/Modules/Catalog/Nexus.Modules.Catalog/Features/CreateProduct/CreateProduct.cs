using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.CreateProduct;

/// <summary>Adds a published product to the catalog; returns its id.</summary>
internal sealed record CreateProduct(
    string Sku,
    string Name,
    string Description,
    long PriceMinor,
    string Currency,
    Guid CategoryId,
    bool IsDigital,
    int StockOnHand) : ICommand<Guid>;
