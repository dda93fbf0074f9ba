using Microsoft.Extensions.Configuration;
using Nexus.Shared.Persistence;
using Nexus.Shared.Startup;

namespace Nexus.UnitTests.Shared;

internal sealed class DatabaseSettingsResolverTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Test]
    public void Defaults_to_a_sqlite_file_in_the_data_folder()
    {
        var settings = DatabaseSettingsResolver.Resolve(Config(), "/var/nexus");
        settings.Provider.Should().Be(DatabaseProvider.Sqlite);
        settings.ConnectionString.Should().Contain("/var/nexus/nexus.db");
    }

    [Test]
    public void A_relative_sqlite_file_lives_in_the_data_folder()
    {
        var settings = DatabaseSettingsResolver.Resolve(Config(("ConnectionStrings:Nexus", "Data Source=shop.db")), "/var/nexus");
        settings.ConnectionString.Should().Contain("/var/nexus/shop.db");
    }

    [Test]
    public void Postgres_is_chosen_case_insensitively()
    {
        var settings = DatabaseSettingsResolver.Resolve(Config(("Database:Provider", "postgres"), ("ConnectionStrings:Nexus", "Host=db;Database=nexus;Username=nexus")), "/tmp");
        settings.Provider.Should().Be(DatabaseProvider.Postgres);
    }

    [Test]
    public void An_unknown_provider_names_the_setting()
    {
        var act = () => DatabaseSettingsResolver.Resolve(Config(("Database:Provider", "Oracle")), "/tmp");
        act.Should().Throw<StartupConfigurationException>()
            .Where(e => e.Setting == "Database:Provider" && e.Message.Contains("'Oracle'", StringComparison.Ordinal));
    }

    [TestCase("Host=db;Port=notaport")]
    [TestCase("this is not a connection string")]
    [TestCase("Database=nexus")]
    public void A_malformed_postgres_connection_string_names_the_setting(string connectionString)
    {
        var act = () => DatabaseSettingsResolver.Resolve(Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Nexus", connectionString)), "/tmp");
        act.Should().Throw<StartupConfigurationException>().Where(e => e.Setting == "ConnectionStrings:Nexus");
    }

    [Test]
    public void Postgres_without_a_connection_string_is_refused()
    {
        var act = () => DatabaseSettingsResolver.Resolve(Config(("Database:Provider", "Postgres")), "/tmp");
        act.Should().Throw<StartupConfigurationException>().Where(e => e.Setting == "ConnectionStrings:Nexus");
    }

    [Test]
    public void Sql_server_is_chosen_case_insensitively()
    {
        var settings = DatabaseSettingsResolver.Resolve(Config(("Database:Provider", "sqlserver"), ("ConnectionStrings:Nexus", "Server=db;Database=nexus;User Id=nexus;Password=secret;TrustServerCertificate=true")), "/tmp");
        settings.Provider.Should().Be(DatabaseProvider.SqlServer);
        settings.ConnectionString.Should().Contain("Initial Catalog=nexus");
    }

    [Test]
    public void Sql_server_without_a_connection_string_is_refused()
    {
        var act = () => DatabaseSettingsResolver.Resolve(Config(("Database:Provider", "SqlServer")), "/tmp");
        act.Should().Throw<StartupConfigurationException>().Where(e => e.Setting == "ConnectionStrings:Nexus" && e.Message.Contains("SqlServer", StringComparison.Ordinal));
    }

    [TestCase("Server=db;Connect Timeout=soon;Database=nexus")]
    [TestCase("this is not a connection string")]
    [TestCase("Database=nexus")]
    [TestCase("Server=db")]
    public void A_malformed_sql_server_connection_string_names_the_setting(string connectionString)
    {
        var act = () => DatabaseSettingsResolver.Resolve(Config(("Database:Provider", "SqlServer"), ("ConnectionStrings:Nexus", connectionString)), "/tmp");
        act.Should().Throw<StartupConfigurationException>().Where(e => e.Setting == "ConnectionStrings:Nexus");
    }
}
