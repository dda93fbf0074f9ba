namespace Nexus.Shared.Live;

/// <summary>
/// What the live channel pushes to a browser: a versioned contract like an integration event — <see cref="Type"/>
/// (<c>cart.updated</c>, <c>order.status</c>, ...) and <see cref="Version"/> name the shape of <see cref="Payload"/>.
/// A breaking change is a new version pushed beside the old one. A message means "this changed, here is the new
/// state"; a page that missed it (a dropped connection) re-reads the same state when it reconnects, so nothing a
/// message says is ever its only copy.
/// </summary>
public sealed record LiveMessage(string Type, int Version, object Payload)
{
    /// <summary>The client method every message arrives on (<c>connection.on("live", ...)</c> in <c>live.js</c>).</summary>
    public const string ClientMethod = "live";
}
