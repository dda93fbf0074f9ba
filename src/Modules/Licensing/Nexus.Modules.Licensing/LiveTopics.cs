namespace Nexus.Modules.Licensing;

/// <summary>What Licensing's live stream tells open pages to re-read (<c>data-live="…"</c> in the views).</summary>
internal static class LiveTopics
{
    /// <summary>The customer's key list.</summary>
    public const string Keys = "keys";
}
