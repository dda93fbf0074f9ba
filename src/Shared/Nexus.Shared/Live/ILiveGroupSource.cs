using Microsoft.AspNetCore.Http;

namespace Nexus.Shared.Live;

/// <summary>
/// Groups a module adds a connection to, from the request that opened it (the Cart module: the guest cart of its
/// cookie). Read once, when the connection opens; never from anything the client sends later.
/// </summary>
public interface ILiveGroupSource
{
    IEnumerable<string> GroupsFor(HttpContext context);
}
