using System.Security.Claims;

namespace Nexus.Shared.Live;

/// <summary>
/// Whether a signed-in connection's session is still current (Identity: its security stamp), checked when the
/// connection opens. A cookie copied before a sign-out is still accepted by cookie authentication until its next
/// periodic check; the live channel does not wait for that: such a connection joins only the public groups.
/// </summary>
public interface ILiveSessionCheck
{
    Task<bool> IsCurrentAsync(ClaimsPrincipal user);
}
