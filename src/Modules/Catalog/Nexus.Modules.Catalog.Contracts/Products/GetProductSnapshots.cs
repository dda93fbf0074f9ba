using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Contracts.Products;

/// <summary>Catalog answers this for other modules; unknown ids are simply absent from the result.</summary>
public sealed record GetProductSnapshots(IReadOnlyCollection<Guid> ProductIds) : IQuery<IReadOnlyList<ProductSnapshot>>;
