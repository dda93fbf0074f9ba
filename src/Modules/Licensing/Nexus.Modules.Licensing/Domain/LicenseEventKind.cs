namespace Nexus.Modules.Licensing.Domain;

internal enum LicenseEventKind
{
    Issued = 0,
    Activated = 1,
    Deactivated = 2,
    Refused = 3,
    Revoked = 4,
    Reset = 5,
}
