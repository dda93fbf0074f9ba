using System.Diagnostics;
using System.Text;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>
/// src/Host/Nexus.Licensing.Host run as a real process of its own (the extracted service), on a fixed port so a
/// test can stop it and start it again in its place with the same data folder.
/// </summary>
internal sealed class LicensingServiceProcess : IDisposable
{
    private readonly Dictionary<string, string> settings;
    private readonly StringBuilder output = new();
    private Process? process;

    public LicensingServiceProcess(int port, string shopOrigin, string redis)
    {
        Port = port;
        DataPath = Directory.CreateTempSubdirectory("nexus-licensing-service-").FullName;
        settings = new Dictionary<string, string>
        {
            ["Nexus__DataPath"] = DataPath,
            ["Nexus__PublicUrl"] = $"http://127.0.0.1:{port}/",
            ["SubApps__licensing__HostUrl"] = shopOrigin,
            ["SubApps__licensing__AllowedHostOrigins__0"] = shopOrigin,
            ["Redis__ConnectionString"] = redis,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DataProtection__KeyEncryption__Key"] = Nexus.Testing.Hosting.NexusHostFactory.TestKeyEncryptionKey,
        };
    }

    public int Port { get; }

    public string DataPath { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Host", "Nexus.Licensing.Host", "bin",
            new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "Nexus.Licensing.Host.dll"));
        File.Exists(dll).Should().BeTrue($"the Licensing service is built at {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Address.GetLeftPart(UriPartial.Authority));
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient();
        await Eventually.TrueAsync(async () =>
        {
            process.HasExited.Should().BeFalse($"the Licensing service stays up:\n{Output}");
            using var response = await client.GetAsync(new Uri(Address, "/ready"));
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(60), "the Licensing service becomes ready");
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be closing; the OS cleans its temp folder eventually.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
