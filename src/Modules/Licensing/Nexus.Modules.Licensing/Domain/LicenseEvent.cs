namespace Nexus.Modules.Licensing.Domain;

/// <summary>One line of a key's activation history.</summary>
internal sealed class LicenseEvent
{
    public LicenseEvent(Guid id, Guid licenseKeyId, LicenseEventKind kind, string? device, DateTime at)
    {
        Id = id;
        LicenseKeyId = licenseKeyId;
        Kind = kind;
        Device = device;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid LicenseKeyId { get; private set; }

    public LicenseEventKind Kind { get; private set; }

    public string? Device { get; private set; }

    public DateTime At { get; private set; }
}
