using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Content.Features.ContentPages;

/// <summary>One of the shop's pages by slug; null when there is no such page.</summary>
internal sealed record GetContentPage(string Slug) : IQuery<ContentPageView?>;
