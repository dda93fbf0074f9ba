namespace Nexus.Modules.Licensing.Features.CustomerKeys;

internal sealed record KeyDetails(KeySummary Key, IReadOnlyList<DeviceView> Devices, IReadOnlyList<HistoryLine> History);

internal sealed record DeviceView(Guid Id, string DeviceName, DateTime ActivatedAt);

internal sealed record HistoryLine(string What, string? Device, DateTime At);
