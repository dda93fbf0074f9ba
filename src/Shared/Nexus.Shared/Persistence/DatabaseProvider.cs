namespace Nexus.Shared.Persistence;

/// <summary>
/// The databases Nexus runs on (docs/decisions/0002). SQLite and PostgreSQL are run by the tests; SQL Server is
/// checked through the scripts its provider generates, since no SQL Server engine runs where Nexus is built.
/// </summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
