namespace Nexus.Shared.Persistence;

/// <summary>
/// A module's DbContext as the host sees it: migrated at start-up, checked for readiness, and committed by
/// the unit of work for requests whose namespace belongs to <see cref="ModuleNamespace"/>.
/// </summary>
public sealed record ModuleDatabase(string ModuleName, string Schema, Type ContextType, string ModuleNamespace);
