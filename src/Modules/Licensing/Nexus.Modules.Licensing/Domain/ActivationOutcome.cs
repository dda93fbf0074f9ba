namespace Nexus.Modules.Licensing.Domain;

internal enum ActivationOutcome
{
    Activated,
    AlreadyActive,
    LimitReached,
    Revoked,
}
