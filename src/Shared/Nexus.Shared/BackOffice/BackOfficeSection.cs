namespace Nexus.Shared.BackOffice;

/// <summary>
/// A section of the back office a module contributes (e.g. "Event hub" → /admin/events). Modules register
/// these as singletons; the back-office home and navigation list the ones the user's policy allows.
/// </summary>
public sealed record BackOfficeSection(string Title, string Path, string Description, string Policy, int Order = 100);
