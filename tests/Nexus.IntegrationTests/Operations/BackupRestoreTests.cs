using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Nexus.IntegrationTests.Identity;
using Nexus.IntegrationTests.Ordering;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Operations;

/// <summary>
/// <c>Nexus.Host backup</c> and <c>restore</c> as an operator runs them: the real host program in a process of its own,
/// against the data folder of a shop that is taking orders (issue 18, docs/operations.md).
/// </summary>
internal sealed class BackupRestoreTests
{
    [Test]
    public async Task A_backup_taken_while_orders_are_placed_restores_the_orders_and_the_sign_in()
    {
        var backups = Directory.CreateTempSubdirectory("nexus-backups-").FullName;
        var archive = Path.Combine(backups, "shop.tar.gz");
        // A folder of the test's own: the factory deletes its own when it is disposed.
        var data = Directory.CreateTempSubdirectory("nexus-backup-shop-").FullName;
        string[] orders;
        string cookie;
        int placedDuringBackup;
        using (var host = OrderingShop.Host(new Dictionary<string, string?> { ["Nexus:DataPath"] = data }))
        {
            orders = [await host.PaidOrderAsync("BACKUP-A"), await host.PaidOrderAsync("BACKUP-B", quantity: 2)];
            await IdentityTestUsers.CreateAsync(host, "kept@example.com");
            using var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var signedIn = await IdentityPages.SignInAsync(browser, "kept@example.com");
            signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the account signs in before the backup");
            cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nexus.auth=", StringComparison.Ordinal)).Split(';')[0];

            // Shoppers keep buying while the backup runs: the online backup must neither stop them nor tear the copy.
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                var placed = 0;
                while (!stop.IsCancellationRequested)
                {
                    await host.PaidOrderAsync($"DURING-{placed}");
                    placed++;
                }

                return placed;
            });
            await Task.Delay(300);
            var backup = await RunHostAsync(data, "backup", archive);
            await stop.CancelAsync();
            placedDuringBackup = await writer;
            backup.ExitCode.Should().Be(0, backup.Describe());
            backup.StandardOutput.Should().Contain("backed up").And.Contain(archive);
            TestContext.Out.WriteLine($"{backup.StandardOutput.Trim()} ({placedDuringBackup} orders placed meanwhile)");

            var refused = await RunHostAsync(data, "restore", archive);
            refused.ExitCode.Should().Be(1, refused.Describe());
            refused.StandardError.Trim().Should().StartWith("Nexus cannot restore: a Nexus host is running on the data folder").And.Contain("nothing was changed");
        }

        SqliteConnection.ClearAllPools();
        // The shop's data is lost: every file of the folder goes.
        foreach (var entry in Directory.EnumerateFileSystemEntries(data))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }

        var restore = await RunHostAsync(data, "restore", archive);
        restore.ExitCode.Should().Be(0, restore.Describe());
        restore.StandardOutput.Should().Contain("restored").And.Contain(".before-restore-");
        Directory.GetDirectories(data, ".before-restore-*").Should().ContainSingle("the replaced contents are kept, never deleted");

        using var restored = OrderingShop.Host(new Dictionary<string, string?> { ["Nexus:DataPath"] = data });
        foreach (var number in orders)
        {
            (await restored.OrderAsync(number)).Number.Should().Be(number);
        }

        using var sameBrowser = restored.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        sameBrowser.DefaultRequestHeaders.Add("Cookie", cookie);
        using var account = await sameBrowser.GetAsync("/account");
        account.StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in cookie made before the backup is read with the restored keys");
        using var fresh = restored.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var again = await IdentityPages.SignInAsync(fresh, "kept@example.com");
        again.StatusCode.Should().Be(HttpStatusCode.Redirect, "the account's password came back with it");
        SqliteConnection.ClearAllPools();
        Cleanup(data, backups);
    }

    [Test]
    public async Task A_backup_with_a_changed_file_is_refused_and_the_data_folder_is_left_alone()
    {
        var (data, backups) = await MigratedFolderAsync();
        (await RunHostAsync(data, "backup", backups)).ExitCode.Should().Be(0);
        var backup = Directory.GetDirectories(backups, "nexus-backup-*").Single();
        var database = Path.Combine(backup, "data", "nexus.db");
        var bytes = await File.ReadAllBytesAsync(database);
        bytes[^100] ^= 0xFF;
        await File.WriteAllBytesAsync(database, bytes);
        var before = Entries(data);

        var result = await RunHostAsync(data, "restore", backup);

        result.ExitCode.Should().Be(1, result.Describe());
        result.StandardError.Trim().Should().Be($"Nexus cannot restore: {backup} is damaged: the checksum of nexus.db does not match its manifest; nothing was changed.");
        Entries(data).Should().Equal(before, "only the lock file restore holds while it works is new");
        Cleanup(data, backups);
    }

    [Test]
    public async Task A_backup_from_a_newer_schema_is_refused()
    {
        var (data, backups) = await MigratedFolderAsync();
        (await RunHostAsync(data, "backup", backups)).ExitCode.Should().Be(0);
        var backup = Directory.GetDirectories(backups, "nexus-backup-*").Single();
        var manifestPath = Path.Combine(backup, "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        var ordering = manifest["modules"]!.AsArray().Single(m => (string?)m!["module"] == "Ordering")!;
        ordering["lastMigration"] = "299912312359_FromTheFuture";
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        var result = await RunHostAsync(data, "restore", backup);

        result.ExitCode.Should().Be(1, result.Describe());
        result.StandardError.Should().Contain("has Ordering at migration 299912312359_FromTheFuture, newer than this build knows").And.Contain("nothing was changed");
        Directory.GetDirectories(data, ".before-restore-*").Should().BeEmpty();
        Cleanup(data, backups);
    }

    [Test]
    public async Task A_backup_on_postgres_copies_the_files_and_says_what_to_run_for_the_database()
    {
        var (data, backups) = await MigratedFolderAsync();
        // The database is not reached: the command only reads where it is, to print the pg_dump line.
        var result = await RunHostAsync(data, "backup", backups, new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Nexus"] = "Host=db.example;Port=5433;Database=shop;Username=nexus;Password=s3cret-pw",
        });

        result.ExitCode.Should().Be(1, result.Describe());
        var line = result.StandardError.Trim();
        line.Should().StartWith("Nexus cannot backup: backed up").And.Contain("but not the Postgres database")
            .And.Contain("pg_dump --format=custom --host=db.example --port=5433 --username=nexus --dbname=shop")
            .And.Contain("pg_restore --clean --if-exists").And.NotContain("s3cret-pw");
        line.Split('\n').Should().ContainSingle();
        Directory.GetDirectories(backups, "nexus-backup-*").Should().ContainSingle("the data folder's files are still backed up");
        Cleanup(data, backups);
    }

    [Test]
    public async Task A_zip_backup_restores_and_an_archive_that_writes_outside_its_folder_is_refused()
    {
        var (data, backups) = await MigratedFolderAsync();
        var zip = Path.Combine(backups, "shop.zip");
        (await RunHostAsync(data, "backup", zip)).ExitCode.Should().Be(0);
        File.Delete(Path.Combine(data, "nexus.db"));
        var restored = await RunHostAsync(data, "restore", zip);
        restored.ExitCode.Should().Be(0, restored.Describe());
        File.Exists(Path.Combine(data, "nexus.db")).Should().BeTrue();

        // A crafted archive: "../" in an entry must not write next to the data folder.
        var crafted = Path.Combine(backups, "crafted.tar.gz");
        await using (var file = File.Create(crafted))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        await using (var tar = new System.Formats.Tar.TarWriter(gzip))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "../../escaped.txt") { DataStream = new MemoryStream("x"u8.ToArray()) };
            await tar.WriteEntryAsync(entry);
        }

        var refused = await RunHostAsync(data, "restore", crafted);
        refused.ExitCode.Should().Be(1, refused.Describe());
        refused.StandardError.Should().Contain("points outside the backup; nothing was changed");
        File.Exists(Path.Combine(Path.GetDirectoryName(data)!, "escaped.txt")).Should().BeFalse();
        Cleanup(data, backups);
    }

    [Test]
    public async Task Misused_commands_exit_2_with_one_line()
    {
        var (data, backups) = await MigratedFolderAsync();
        var noTarget = await RunHostAsync(data, "backup");
        noTarget.ExitCode.Should().Be(2, noTarget.Describe());
        noTarget.StandardError.Trim().Should().Be("Nexus cannot backup: usage: backup <folder | file.tar.gz | file.zip>");

        var inside = await RunHostAsync(data, "backup", Path.Combine(data, "backups"));
        inside.ExitCode.Should().Be(2, inside.Describe());
        inside.StandardError.Should().Contain("is inside the data folder");

        var missing = await RunHostAsync(data, "restore", Path.Combine(backups, "nothing.tar.gz"));
        missing.ExitCode.Should().Be(2, missing.Describe());
        missing.StandardError.Should().Contain("does not exist");
        Cleanup(data, backups);
    }

    private static async Task<(string Data, string Backups)> MigratedFolderAsync()
    {
        var data = Directory.CreateTempSubdirectory("nexus-backup-data-").FullName;
        var backups = Directory.CreateTempSubdirectory("nexus-backups-").FullName;
        var migrate = await RunHostAsync(data, "migrate");
        migrate.ExitCode.Should().Be(0, migrate.Describe());
        return (data, backups);
    }

    private static List<string> Entries(string folder) =>
        Directory.GetFileSystemEntries(folder).Where(e => Path.GetFileName(e) != "nexus.lock").Order(StringComparer.Ordinal).ToList();

    private static void Cleanup(string data, string backups)
    {
        TestDataFolder.TryDelete(data);
        TestDataFolder.TryDelete(backups);
    }

    private static Task<HostRun> RunHostAsync(string data, string command, string? operand = null, Dictionary<string, string>? environment = null)
    {
        string[] arguments = operand is null ? [command] : [command, operand];
        return RunHostAsync(data, arguments, environment ?? []);
    }

    private static async Task<HostRun> RunHostAsync(string data, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = data, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Nexus.Host.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Nexus__PublicUrl"] = "http://127.0.0.1:1/";
        start.Environment["Nexus__DataPath"] = data;
        start.Environment["Nexus__SeedDemoData"] = "false";
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{string.Join(' ', arguments)}` kept running.");
        }

        return new HostRun(process.ExitCode, await stdout, await stderr);
    }

    private sealed record HostRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Describe() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
    }
}
