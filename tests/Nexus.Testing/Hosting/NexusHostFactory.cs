using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Nexus.Testing.Hosting;

/// <summary>
/// A real Nexus host for a test: its own data folder, the database of the test's choice and any setting
/// overrides. In-memory by default; <see cref="StartKestrel"/> serves it on a real port for browsers.
/// </summary>
public sealed class NexusHostFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private const string TestOrDefaultScheme = "TestOrDefault";
    private readonly List<Action<IServiceCollection>> extraServices = [];
    private bool testAuthentication;
    private Uri? kestrelAddress;

    public NexusHostFactory(IDictionary<string, string?>? settings = null)
    {
        DataPath = Directory.CreateTempSubdirectory("nexus-test-").FullName;
        this.settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Nexus:DataPath"] = DataPath,
            ["Scheduling:Enabled"] = "false",
            // Many short-lived hosts share the machine: the demo pictures are drawn on request, not all in the
            // background (the page audits turn it on, to measure a shop's first visit as a shopper meets it).
            ["Modules:Catalog:DrawDemoImagesInBackground"] = "false",
            // Required outside Development; the in-memory test server answers as http://localhost (StartKestrel
            // replaces it with the real address unless the test set its own).
            ["Nexus:PublicUrl"] = InMemoryAddress,
            // Required outside Development: the data-protection keys are encrypted at rest with it.
            ["DataProtection:KeyEncryption:Key"] = TestKeyEncryptionKey,
            // Required outside Development: the payment provider account's secrets (the in-host NexusPay stub uses them too).
            ["Modules:Payments:Provider:ApiKey"] = TestPaymentApiKey,
            ["Modules:Payments:Provider:WebhookSigningSecret"] = TestWebhookSigningSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }
    }

    /// <summary>The key-encryption key test hosts use (a fixed 256-bit test value; DataProtection:KeyEncryption:Key).</summary>
    public const string TestKeyEncryptionKey = "bmV4dXMtdGVzdC1rZXktZW5jcnlwdGlvbi0zMmJ5dGU=";

    /// <summary>The payment provider's API key test hosts use (Modules:Payments:Provider:ApiKey).</summary>
    public const string TestPaymentApiKey = "sk_test_nexus_test_kit_api_key";

    /// <summary>The webhook signing secret test hosts use (Modules:Payments:Provider:WebhookSigningSecret).</summary>
    public const string TestWebhookSigningSecret = "whsec_nexus_test_kit_signing_secret";

    /// <summary>The address the in-memory test server's clients use (its Host header is <c>localhost</c>).</summary>
    public const string InMemoryAddress = "http://localhost/";

    public string DataPath { get; }

    /// <summary>A host on PostgreSQL, in a fresh database of the shared test server.</summary>
    public static async Task<NexusHostFactory> OnPostgresAsync(IDictionary<string, string?>? settings = null)
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Nexus"] = connectionString,
        };
        return new NexusHostFactory(all);
    }

    /// <summary>Serves the host on a free loopback port through Kestrel and returns its base address.</summary>
    public Uri StartKestrel(int? fixedPort = null)
    {
        // A fixed port lets a test stop a host and start another in its place (same origin).
        var port = fixedPort ?? FreePort.Next();
        UseKestrel(port);
        kestrelAddress = new Uri($"http://127.0.0.1:{port}/");
        // Links, token issuer and host filtering follow the public URL: here, the real address (before the host is built).
        if (settings["Nexus:PublicUrl"] == InMemoryAddress)
        {
            settings["Nexus:PublicUrl"] = kestrelAddress.ToString();
        }

        StartServer();
        // Clients from CreateClient / CreateClientAs now talk to the real port.
        ClientOptions.BaseAddress = kestrelAddress;
        return kestrelAddress;
    }

    /// <summary>
    /// Lets tests act as any user through <see cref="TestAuthenticationHandler"/>; call before the host starts.
    /// Requests without the header still go through the real authentication.
    /// </summary>
    public NexusHostFactory WithTestAuthentication()
    {
        testAuthentication = true;
        return this;
    }

    /// <summary>
    /// Adds services after the host's own (like <c>ConfigureTestServices</c>): e.g. a test module's database and
    /// event handlers. Call before the host starts.
    /// </summary>
    public NexusHostFactory WithServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        extraServices.Add(configure);
        return this;
    }

    /// <summary>A client acting as <paramref name="userId"/> with <paramref name="roles"/> (needs <see cref="WithTestAuthentication"/>).</summary>
    public HttpClient CreateClientAs(string userId, params string[] roles)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        if (kestrelAddress is not null)
        {
            options.BaseAddress = kestrelAddress;
        }

        var client = CreateClient(options);
        client.DefaultRequestHeaders.Add(TestAuthenticationHandler.Header, $"{userId};{string.Join(',', roles)}");
        return client;
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var configure in extraServices)
        {
            builder.ConfigureTestServices(configure);
        }

        if (testAuthentication)
        {
            builder.ConfigureTestServices(services =>
            {
                // Requests carrying the test header authenticate with it; all others keep the host's own default.
                string? hostDefault = null;
                services.AddAuthentication()
                    .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, _ => { })
                    .AddPolicyScheme(TestOrDefaultScheme, null, options => options.ForwardDefaultSelector = context =>
                        context.Request.Headers.ContainsKey(TestAuthenticationHandler.Header) ? TestAuthenticationHandler.SchemeName : hostDefault);
                services.PostConfigure<AuthenticationOptions>(options =>
                {
                    hostDefault = options.DefaultAuthenticateScheme ?? options.DefaultScheme;
                    options.DefaultChallengeScheme ??= hostDefault;
                    options.DefaultAuthenticateScheme = TestOrDefaultScheme;
                });
            });
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
