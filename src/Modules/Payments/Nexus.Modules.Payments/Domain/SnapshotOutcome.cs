namespace Nexus.Modules.Payments.Domain;

/// <summary>What applying a provider snapshot did: nothing (out of date), or a change and which events it calls for.</summary>
internal sealed record SnapshotOutcome(bool Applied, bool BecameCaptured, bool NewFailure)
{
    public static SnapshotOutcome OutOfDate { get; } = new(false, false, false);
}
