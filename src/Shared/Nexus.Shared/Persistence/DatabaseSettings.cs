namespace Nexus.Shared.Persistence;

/// <summary>The resolved, validated database choice every module's DbContext is built from.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);
