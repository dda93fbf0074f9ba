namespace Nexus.Modules.Licensing.Domain;

internal enum ActivationOutcome
{
    Activated,
    AlreadyActive,
    LimitReached,
    Revoked,

    /// <summary>A deactivation freed the device's slot.</summary>
    Deactivated,

    /// <summary>A deactivation found nothing active for the device (already freed, or never activated).</summary>
    NotActive,
}
