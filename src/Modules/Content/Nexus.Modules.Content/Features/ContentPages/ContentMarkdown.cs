using Markdig;

namespace Nexus.Modules.Content.Features.ContentPages;

/// <summary>
/// Markdown to HTML for the shop's pages. Raw HTML in the text is shown as text, never rendered (<c>DisableHtml</c>):
/// an admin's account taken over cannot plant a script on every visitor, and the CSP stays the only line of defence
/// it was meant to be — the second one.
/// </summary>
internal static class ContentMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}
