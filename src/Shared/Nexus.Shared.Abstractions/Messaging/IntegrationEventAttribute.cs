namespace Nexus.Shared.Abstractions.Messaging;

/// <summary>
/// The contract name and version of an <see cref="IntegrationEvent"/>, e.g. <c>("catalog.product-created", 1)</c>.
/// A breaking change to the payload is a new version (a new record), published alongside the old one until
/// every consumer has moved.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventAttribute : Attribute
{
    public IntegrationEventAttribute(string name, int version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Name = name;
        Version = version;
    }

    public string Name { get; }

    public int Version { get; }
}
