using System.Globalization;

namespace Nexus.Tools.Bench.Realtime;

/// <summary>
/// The lines a server child and the harness exchange: <c>push &lt;seq&gt;</c> on the child's stdin; on its stdout, among
/// whatever the host logs, lines starting with <see cref="Prefix"/>. Times are <see cref="System.Diagnostics.Stopwatch"/>
/// timestamps, which on Linux read CLOCK_MONOTONIC: one clock for every process on the machine, so a child's commit time
/// and the load client's arrival time can be subtracted.
/// </summary>
internal static class ChildProtocol
{
    public const string Prefix = "@@bench ";

    public static void Ready(Uri baseUrl, IEnumerable<Guid> products) =>
        Console.WriteLine(Prefix + "ready " + baseUrl + " " + string.Join(',', products));

    public static void Pushed(int seq, long timestamp) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Prefix}pushed {seq} {timestamp}"));

    public static void Failed(int seq, string reason) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Prefix}failed {seq} {reason.ReplaceLineEndings(" ")}"));

    public static int? ParsePush(string line) =>
        line.StartsWith("push ", StringComparison.Ordinal) ? int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture) : null;
}
