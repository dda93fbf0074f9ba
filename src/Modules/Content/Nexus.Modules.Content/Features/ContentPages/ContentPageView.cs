using Microsoft.AspNetCore.Html;

namespace Nexus.Modules.Content.Features.ContentPages;

/// <summary>A page as shoppers see it (<see cref="Html"/> rendered from Markdown, raw HTML escaped) and as admins edit it.</summary>
internal sealed record ContentPageView(string Slug, string Title, string BodyMarkdown, HtmlString Html, DateTime UpdatedAt);
