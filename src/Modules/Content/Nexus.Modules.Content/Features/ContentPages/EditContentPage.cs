using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Content.Features.ContentPages;

/// <summary>An admin saves a page's title and Markdown text. False when the page does not exist (pages are not created here).</summary>
internal sealed record EditContentPage(string Slug, string? Title, string? BodyMarkdown, string EditorId) : ICommand<bool>;
