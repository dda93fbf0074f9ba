using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Startup;

/// <summary>
/// Bad configuration must stop the real host process with one clear line naming the setting and a
/// non-zero exit code, never a stack trace and never a half-started shop.
/// </summary>
internal sealed class StartupFailureTests
{
    [Test]
    public async Task An_unknown_database_provider_is_named()
    {
        var result = await RunHostAsync(new() { ["Database__Provider"] = "Oracle" });
        result.ShouldFailNaming("Database:Provider", "'Oracle' is not a supported database provider");
    }

    [Test]
    public async Task A_malformed_connection_string_is_named()
    {
        var result = await RunHostAsync(new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Nexus"] = "Host=127.0.0.1;Port=not-a-port" });
        result.ShouldFailNaming("ConnectionStrings:Nexus", "is not a valid PostgreSQL connection string");
    }

    [Test]
    public async Task An_unreachable_postgres_is_named()
    {
        var port = FreePort.Next();
        var result = await RunHostAsync(new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Nexus"] = $"Host=127.0.0.1;Port={port};Database=nexus;Username=nexus" });
        result.ShouldFailNaming("ConnectionStrings:Nexus", $"cannot connect to PostgreSQL at 127.0.0.1:{port}/nexus");
    }

    [Test]
    public async Task An_unreachable_sql_server_is_named()
    {
        // Nothing listens on the port: SqlClient is refused at once, as it would be by a server that is down.
        var port = FreePort.Next();
        var result = await RunHostAsync(new() { ["Database__Provider"] = "SqlServer", ["ConnectionStrings__Nexus"] = $"Server=tcp:127.0.0.1,{port};Database=nexus;User Id=nexus;Password=x;TrustServerCertificate=true" });
        result.ShouldFailNaming("ConnectionStrings:Nexus", $"cannot connect to SQL Server at tcp:127.0.0.1,{port}/nexus");
    }

    [Test]
    public async Task A_sql_server_connection_string_without_a_database_is_named()
    {
        var result = await RunHostAsync(new() { ["Database__Provider"] = "SqlServer", ["ConnectionStrings__Nexus"] = "Server=db.example;User Id=nexus;Password=x" });
        result.ShouldFailNaming("ConnectionStrings:Nexus", "names no Database");
    }

    [Test]
    public async Task An_unwritable_data_folder_is_named()
    {
        // Root can write almost anywhere, so use a path that cannot be a folder: one below a regular file.
        var file = Path.GetTempFileName();
        var result = await RunHostAsync(new() { ["Nexus__DataPath"] = Path.Combine(file, "data") });
        result.ShouldFailNaming("Nexus:DataPath", "is not writable");
        File.Delete(file);
    }

    [Test]
    public async Task A_seconds_first_cron_that_cannot_be_translated_is_named_with_the_new_format()
    {
        // Day of week 2 meant Monday in the old seconds-first format and Tuesday in Hangfire's: refused, not guessed.
        var result = await RunHostAsync(new() { ["Scheduling__DatabaseMaintenanceCron"] = "0 0 3 ? * 2" });
        result.ShouldFailNaming("Scheduling:DatabaseMaintenanceCron", "'0 0 3 ? * 2' is in the old seconds-first format");
        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("use 5 fields, minute first, in UTC").And.Contain("\"30 3 * * *\"");
    }

    [Test]
    public async Task An_admin_address_that_names_an_existing_account_stops_start_up_instead_of_promoting_it()
    {
        // Issue 13 item 9: a customer registers the configured address, the only admin goes; before, the next start made
        // that customer Admin with the customer's own password.
        var data = Directory.CreateTempSubdirectory("nexus-admin-").FullName;
        using (var first = new NexusHostFactory(new Dictionary<string, string?> { ["Nexus:DataPath"] = data, ["Identity:Admin:Email"] = "boss@example.com", ["Identity:Admin:Password"] = "Boss-Password-1" }))
        {
            _ = first.Server;
            await using var scope = first.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
            var customer = new ShopUser { UserName = "taken@example.com", Email = "taken@example.com", EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
            (await users.CreateAsync(customer, "Customer-Password-1")).Succeeded.Should().BeTrue();
            (await users.RemoveFromRoleAsync((await users.FindByEmailAsync("boss@example.com"))!, NexusRoles.Admin)).Succeeded.Should().BeTrue();
        }

        var result = await RunHostAsync(new() { ["Nexus__DataPath"] = data, ["Identity__Admin__Email"] = "taken@example.com", ["Identity__Admin__Password"] = "Attacker-Chosen-1" });
        result.ShouldFailNaming("Identity:Admin:Email", "taken@example.com is an existing account, which Nexus never promotes at start-up");
        result.ExitCode.Should().Be(2);

        using var after = new NexusHostFactory(new Dictionary<string, string?> { ["Nexus:DataPath"] = data, ["Identity:Admin:Email"] = "new-boss@example.com", ["Identity:Admin:Password"] = "New-Boss-Password-1" });
        _ = after.Server;
        await using var check = after.Services.CreateAsyncScope();
        var admins = await check.ServiceProvider.GetRequiredService<UserManager<ShopUser>>().GetUsersInRoleAsync(NexusRoles.Admin);
        admins.Select(a => a.Email).Should().Equal("new-boss@example.com");
        Directory.Delete(data, recursive: true);
    }

    [Test]
    public async Task A_malformed_cron_is_named_with_the_format()
    {
        var result = await RunHostAsync(new() { ["Scheduling__DatabaseMaintenanceCron"] = "at half past three" });
        result.ShouldFailNaming("Scheduling:DatabaseMaintenanceCron", "'at half past three' is not a valid cron expression; use 5 fields");
        result.ExitCode.Should().Be(2);
    }

    [Test]
    public async Task A_missing_public_url_is_named_outside_development()
    {
        // Without it every link in an e-mail would have to come from the request's Host header, which the caller picks.
        var result = await RunHostAsync(new() { ["Nexus__PublicUrl"] = string.Empty });
        result.ShouldFailNaming("Nexus:PublicUrl", "required outside Development");
        result.ExitCode.Should().Be(2);
    }

    [Test]
    public async Task Missing_payment_provider_secrets_are_named_outside_development()
    {
        // Development has fixed test-mode values; anywhere else a shop must bring its own provider account's secrets.
        var result = await RunHostAsync(new() { ["Modules__Payments__Provider__ApiKey"] = string.Empty, ["Modules__Payments__Provider__WebhookSigningSecret"] = string.Empty });
        result.ExitCode.Should().Be(2, result.Describe());
        result.StandardError.Should().NotContain("   at ", "several failed options are one line each, not a stack trace");
        result.StandardError.Should().Contain("Modules:Payments:Provider:ApiKey is required outside Development")
            .And.Contain("Modules:Payments:Provider:WebhookSigningSecret is required outside Development");
    }

    [Test]
    public async Task A_trusted_proxy_that_is_not_an_address_is_named()
    {
        // A host name here would silently trust nobody (or, resolved, whoever holds the name next): refused instead.
        var result = await RunHostAsync(new() { ["Nexus__TrustedProxies"] = "10.0.0.5; nginx" });
        result.ShouldFailNaming("Nexus:TrustedProxies", "'nginx' is not an IP address or a CIDR network");
        result.ExitCode.Should().Be(2);
    }

    [Test]
    public async Task A_session_recheck_longer_than_a_minute_does_not_start()
    {
        // Sign-out promises that a copied cookie dies within a minute (docs/security.md, item 3).
        var result = await RunHostAsync(new() { ["Identity__SessionRecheckSeconds"] = "61" });
        result.ExitCode.Should().NotBe(0, result.Describe());
        result.StandardError.Should().Contain("Nexus cannot start").And.Contain("SessionRecheckSeconds").And.Contain("between 0 and 60");
    }

    [TestCase("shop.example")]
    [TestCase("ftp://shop.example/")]
    [TestCase("https://user:secret@shop.example/")]
    [TestCase("https://shop.example/?next=/")]
    public async Task A_public_url_that_is_not_an_absolute_http_address_is_named(string value)
    {
        var result = await RunHostAsync(new() { ["Nexus__PublicUrl"] = value });
        result.ShouldFailNaming("Nexus:PublicUrl", "is not an absolute http(s) URL");
        result.ExitCode.Should().Be(2);
    }

    [TestCase("http://shop.example")]
    [TestCase("http://127.0.0.1:5000")]
    public async Task A_licensing_service_told_to_fetch_the_shops_keys_over_plain_http_does_not_start_outside_development(string shop)
    {
        // Issue 13 item 7: whoever sits on that path could hand it their own keys and mint any token it accepts.
        // Loopback is no exception: a production proxy or a side-car on the same machine is still a path.
        var result = await RunHostAsync(new()
        {
            ["Modules__Identity__Enabled"] = "false",
            ["SubApps__licensing__HostUrl"] = shop,
            ["SubApps__licensing__AllowedHostOrigins__0"] = shop,
        });
        result.ShouldFailNaming("NexusToken", "must be fetched over HTTPS (plain HTTP only in Development)");
        result.ExitCode.Should().Be(2);
    }

    [Test]
    public async Task The_migrate_command_applies_migrations_and_exits()
    {
        var data = Directory.CreateTempSubdirectory("nexus-migrate-").FullName;
        var result = await RunHostAsync(new() { ["Nexus__DataPath"] = data }, "migrate");
        result.ExitCode.Should().Be(0, result.Describe());
        result.StandardOutput.Should().Contain("migrations applied");
        File.Exists(Path.Combine(data, "nexus.db")).Should().BeTrue();
        Directory.Delete(data, recursive: true);
    }

    [Test]
    public async Task A_missing_key_encryption_key_is_named_outside_development()
    {
        // Issue 13 item 8: the data-protection keys (sign-in cookies, antiforgery, token signing keys) are never
        // stored in plaintext outside Development.
        var result = await RunHostAsync(new() { ["DataProtection__KeyEncryption__Key"] = string.Empty });
        result.ShouldFailNaming("DataProtection:KeyEncryption:Key", "required outside Development");
        result.ExitCode.Should().Be(2);
    }

    [TestCase("not base64!", "not base64")]
    [TestCase("c2hvcnQ=", "must be 256 bits")]
    public async Task A_malformed_key_encryption_key_is_named(string value, string problem)
    {
        var result = await RunHostAsync(new() { ["DataProtection__KeyEncryption__Key"] = value });
        result.ShouldFailNaming("DataProtection:KeyEncryption:Key", problem);
        result.ExitCode.Should().Be(2);
    }

    [Test]
    public async Task The_licensing_service_refuses_to_start_without_a_key_encryption_key_too()
    {
        var result = await RunDllAsync("Nexus.Licensing.Host.dll", new()
        {
            ["DataProtection__KeyEncryption__Key"] = string.Empty,
            ["SubApps__licensing__HostUrl"] = "https://shop.example/",
        });
        result.ExitCode.Should().Be(2, result.Describe());
        result.StandardError.Should().Contain("Nexus Licensing cannot start: DataProtection:KeyEncryption:Key: required outside Development");
    }

    [Test]
    public async Task A_remote_sub_app_url_that_is_not_an_absolute_http_address_is_named()
    {
        // Issue 13 item 6: every frame src and fallback link is built from it.
        var result = await RunHostAsync(new() { ["SubApps__licensing__Url"] = "javascript:alert(1)" });
        result.ShouldFailNaming("SubApps:licensing:Url", "is not an absolute http(s) URL");
        result.ExitCode.Should().Be(2);
    }

    private static Task<HostRun> RunHostAsync(Dictionary<string, string> environment, params string[] arguments) =>
        RunDllAsync("Nexus.Host.dll", environment, arguments);

    private static async Task<HostRun> RunDllAsync(string dll, Dictionary<string, string> environment, params string[] arguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, dll);
        var workDir = Directory.CreateTempSubdirectory("nexus-run-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var url = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["Nexus__PublicUrl"] = url;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Nexus__DataPath"] = Path.Combine(workDir, "data");
        start.Environment["Scheduling__Enabled"] = "false";
        start.Environment["DataProtection__KeyEncryption__Key"] = NexusHostFactory.TestKeyEncryptionKey;
        start.Environment["Modules__Payments__Provider__ApiKey"] = NexusHostFactory.TestPaymentApiKey;
        start.Environment["Modules__Payments__Provider__WebhookSigningSecret"] = NexusHostFactory.TestWebhookSigningSecret;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The host kept running instead of stopping on bad configuration.");
        }

        return new HostRun(process.ExitCode, await stdout, await stderr);
    }

    private sealed record HostRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public void ShouldFailNaming(string setting, string problem)
        {
            ExitCode.Should().NotBe(0, Describe());
            var lines = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.Should().ContainSingle(Describe()).Which.Should().StartWith($"Nexus cannot start: {setting}: ").And.Contain(problem);
        }

        public string Describe() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
    }
}
