namespace Nexus.Modules.Licensing.Domain;

/// <summary>A device a key is (or was) active on. Deactivated rows stay: they are part of the history.</summary>
internal sealed class DeviceActivation
{
    public DeviceActivation(Guid id, Guid licenseKeyId, string deviceId, string deviceName, DateTime activatedAt)
    {
        Id = id;
        LicenseKeyId = licenseKeyId;
        DeviceId = deviceId;
        DeviceName = deviceName;
        ActivatedAt = activatedAt;
    }

    public Guid Id { get; private set; }

    public Guid LicenseKeyId { get; private set; }

    public string DeviceId { get; private set; }

    public string DeviceName { get; private set; }

    public DateTime ActivatedAt { get; private set; }

    public DateTime? DeactivatedAt { get; private set; }

    public void Deactivate(DateTime now) => DeactivatedAt ??= now;
}
