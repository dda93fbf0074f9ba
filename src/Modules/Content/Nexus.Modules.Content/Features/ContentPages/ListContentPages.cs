using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Content.Features.ContentPages;

/// <summary>The shop's pages, for the back office's list.</summary>
internal sealed record ListContentPages : IQuery<IReadOnlyList<ContentPageSummary>>;

internal sealed record ContentPageSummary(string Slug, string Title, DateTime UpdatedAt, string? UpdatedBy);
