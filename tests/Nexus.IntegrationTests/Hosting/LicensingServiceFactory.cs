extern alias LicensingService;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Hosting;

/// <summary>
/// src/Host/Nexus.Licensing.Host in memory, next to a shop from <c>NexusHostFactory</c>: its own data folder and
/// SQLite file, events in process, the shop's origin an https address it never has to call at start-up.
/// </summary>
internal sealed class LicensingServiceFactory : WebApplicationFactory<LicensingService::Program>
{
    private readonly Dictionary<string, string?> settings;

    public LicensingServiceFactory(IDictionary<string, string?>? settings = null)
    {
        DataPath = Directory.CreateTempSubdirectory("nexus-licensing-test-").FullName;
        this.settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Nexus:DataPath"] = DataPath,
            ["SubApps:licensing:HostUrl"] = "https://shop.example/",
            // Required outside Development; the in-memory test server answers as http://localhost (like NexusHostFactory).
            ["Nexus:PublicUrl"] = "http://localhost/",
            ["DataProtection:KeyEncryption:Key"] = NexusHostFactory.TestKeyEncryptionKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    public string DataPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestDataFolder.TryDelete(DataPath);
        }
    }
}
