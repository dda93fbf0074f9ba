namespace Nexus.Testing.Hosting;

/// <summary>A test host's temporary data folder.</summary>
public static class TestDataFolder
{
    /// <summary>Deletes it, tolerating a log file that is still closing (the OS cleans temp folders eventually).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be closing; the temp folder is cleaned by the OS eventually.
        }
    }
}
