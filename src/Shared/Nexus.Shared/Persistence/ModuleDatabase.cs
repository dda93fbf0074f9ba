using System.Reflection;

namespace Nexus.Shared.Persistence;

/// <summary>
/// A module's DbContext as the host sees it: migrated at start-up, checked for readiness, and committed by the unit of
/// work for the commands handled in <see cref="ModuleAssembly"/> (the assembly declaring the context, one module
/// database per assembly — <see cref="ModuleDatabaseRegistry"/>).
/// </summary>
public sealed record ModuleDatabase(string ModuleName, string Schema, Type ContextType, Assembly ModuleAssembly);
