namespace Nexus.Shared.Persistence;

/// <summary>The databases Nexus runs on. SQL Server is one package and one entry away (docs/decisions/0002).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
