namespace Nexus.Modules.Licensing.Domain;

/// <summary>
/// A key a customer bought with a digital product. It may be active on at most <see cref="MaxActivations"/>
/// devices at once; every change is kept in its history.
/// </summary>
internal sealed class LicenseKey
{
    private readonly List<DeviceActivation> activations = [];
    private readonly List<LicenseEvent> history = [];

    // Also EF Core's constructor when it loads a key: no side effects here.
    private LicenseKey(Guid id, string key, Guid orderId, string customerId, Guid productId, string productName, int maxActivations, DateTime issuedAt)
    {
        Id = id;
        Key = key;
        OrderId = orderId;
        CustomerId = customerId;
        ProductId = productId;
        ProductName = productName;
        MaxActivations = maxActivations;
        IssuedAt = issuedAt;
    }

    /// <summary>A new key for one unit of a paid product, with "issued" as the first line of its history.</summary>
    public static LicenseKey Issue(string key, Guid orderId, string customerId, Guid productId, string productName, int maxActivations, DateTime now)
    {
        var licenseKey = new LicenseKey(Guid.CreateVersion7(), key, orderId, customerId, productId, productName, maxActivations, now);
        licenseKey.history.Add(new LicenseEvent(Guid.CreateVersion7(), licenseKey.Id, LicenseEventKind.Issued, null, now));
        return licenseKey;
    }

    public Guid Id { get; private set; }

    public string Key { get; private set; }

    public Guid OrderId { get; private set; }

    public string CustomerId { get; private set; }

    public Guid ProductId { get; private set; }

    public string ProductName { get; private set; }

    public int MaxActivations { get; private set; }

    public DateTime IssuedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    /// <summary>
    /// Concurrency token, bumped by every activation: saving an activation updates this row only where the version
    /// is still the one the count was read at, so parallel activations cannot all pass the limit.
    /// </summary>
    public int Version { get; private set; }

    public IReadOnlyList<DeviceActivation> Activations => activations;

    public IReadOnlyList<LicenseEvent> History => history;

    public int ActiveCount => activations.Count(a => a.DeactivatedAt is null);

    /// <summary>Activates <paramref name="deviceId"/>; activating a device that is already active is a no-op.</summary>
    public ActivationOutcome Activate(string deviceId, string deviceName, DateTime now)
    {
        if (RevokedAt is not null)
        {
            return ActivationOutcome.Revoked;
        }

        var existing = activations.FirstOrDefault(a => a.DeviceId == deviceId && a.DeactivatedAt is null);
        if (existing is not null)
        {
            return ActivationOutcome.AlreadyActive;
        }

        if (ActiveCount >= MaxActivations)
        {
            history.Add(new LicenseEvent(Guid.CreateVersion7(), Id, LicenseEventKind.Refused, deviceName, now));
            return ActivationOutcome.LimitReached;
        }

        Version++;
        activations.Add(new DeviceActivation(Guid.CreateVersion7(), Id, deviceId, deviceName, now));
        history.Add(new LicenseEvent(Guid.CreateVersion7(), Id, LicenseEventKind.Activated, deviceName, now));
        return ActivationOutcome.Activated;
    }

    public bool Deactivate(Guid activationId, DateTime now)
    {
        var activation = activations.FirstOrDefault(a => a.Id == activationId && a.DeactivatedAt is null);
        if (activation is null)
        {
            return false;
        }

        activation.Deactivate(now);
        history.Add(new LicenseEvent(Guid.CreateVersion7(), Id, LicenseEventKind.Deactivated, activation.DeviceName, now));
        return true;
    }

    public bool DeactivateDevice(string deviceId, DateTime now) =>
        activations.FirstOrDefault(a => a.DeviceId == deviceId && a.DeactivatedAt is null) is { } activation && Deactivate(activation.Id, now);

    public void Revoke(DateTime now)
    {
        if (RevokedAt is not null)
        {
            return;
        }

        RevokedAt = now;
        foreach (var activation in activations.Where(a => a.DeactivatedAt is null))
        {
            activation.Deactivate(now);
        }

        history.Add(new LicenseEvent(Guid.CreateVersion7(), Id, LicenseEventKind.Revoked, null, now));
    }

    /// <summary>Support's remedy for a customer whose old machines are gone: frees every slot.</summary>
    public void ResetActivations(DateTime now)
    {
        foreach (var activation in activations.Where(a => a.DeactivatedAt is null))
        {
            activation.Deactivate(now);
        }

        history.Add(new LicenseEvent(Guid.CreateVersion7(), Id, LicenseEventKind.Reset, null, now));
    }
}
