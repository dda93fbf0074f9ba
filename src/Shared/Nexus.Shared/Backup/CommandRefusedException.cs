namespace Nexus.Shared.Backup;

/// <summary>
/// A backup or restore that stops with one line and an exit code: 1 when it was refused or failed on the data (a
/// running shop, a damaged backup, a newer schema, a database it cannot copy), 2 when the command was used wrongly.
/// </summary>
internal sealed class CommandRefusedException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public const int Refused = 1;
    public const int Usage = 2;

    public int ExitCode { get; } = exitCode;
}
