using System.Globalization;

namespace Nexus.Tools.Bench.Events;

/// <summary>One measured step: what was offered, what came through, how fast, at what CPU cost.</summary>
internal sealed record Step(int Offered, int First, int Count, double Delivered, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double CpuUsPerEvent, bool Complete, bool Passed, string LoadAverage)
{
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"step {Offered}/s: {(Passed ? "pass" : "FAIL")} · delivered {Delivered:F0}/s{(Complete ? string.Empty : " (not all arrived)")} · p50 {P50Ms:F1} ms · p90 {P90Ms:F1} ms · p99 {P99Ms:F1} ms · max {MaxMs:F1} ms · cpu {CpuUsPerEvent:F0} µs/event · load {LoadAverage}");
}
