using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Features.Reviews;

/// <summary>
/// A signed-in customer reviews a product they bought: 1–5 stars, an optional title and a text. One review per
/// customer and product. Returns the review's id.
/// </summary>
internal sealed record SubmitReview(Guid ProductId, string CustomerId, string AuthorName, int Rating, string? Title, string Body) : ICommand<Guid>;
