using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Backup;

/// <summary>
/// A running host holds <c>nexus.lock</c> in its data folder open with a shared lock for its whole life; restore asks
/// for an exclusive one and so knows, from the kernel, whether any host still runs on the folder. The kernel drops
/// the lock when the process ends however it ends (a crash, SIGKILL), so a stale lock file never blocks a restore,
/// and several hosts on one folder (PostgreSQL, shared data folder) all hold it at once. A port check would miss a
/// host on another port; a database probe would miss a host between two queries.
/// </summary>
internal sealed class DataFolderLock(IOptions<NexusOptions> options) : IHostedService, IDisposable
{
    public const string FileName = "nexus.lock";

    private FileStream? held;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Value.DataPath, FileName);
        try
        {
            // FileShare other than None is a shared flock on Linux and macOS; restore's FileShare.None is exclusive.
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException ex)
        {
            throw new StartupConfigurationException(DataFolder.Setting, $"the data folder '{options.Value.DataPath}' is being restored (nexus.lock is held); start the shop when the restore has finished", ex);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => held?.Dispose();

    /// <summary>
    /// The exclusive lock restore holds while it swaps the folder's contents; null when a host holds the shared one.
    /// </summary>
    public static FileStream? TryTakeExclusive(string dataPath)
    {
        try
        {
            return new FileStream(Path.Combine(dataPath, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>True when .NET was told not to lock files, so a running host could not be told apart from a stopped one.</summary>
    public static bool LockingDisabled =>
        (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled)
        || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true" or "True";
}
