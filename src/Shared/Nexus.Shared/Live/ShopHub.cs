using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Shared.Live;

/// <summary>
/// The shop's live channel (<c>/hubs/shop</c>): the server pushes <see cref="LiveMessage"/>s; the browser sends
/// nothing but <see cref="Ping"/> and <see cref="JoinWithTicket"/>. Groups are joined here from the connection's own
/// request — the signed-in user (cookie authentication), staff by policy, the guest cart of the cart cookie
/// (<see cref="ILiveGroupSource"/>) and <see cref="LiveGroups.Stock"/> for everyone — or from a ticket the server
/// signed (<see cref="LiveGroupTickets"/>), so no client can ask to hear a group by its name.
/// </summary>
[AllowAnonymous]
internal sealed class ShopHub : Hub
{
    private readonly LiveConnections connections;
    private readonly IAuthorizationService authorization;
    private readonly IEnumerable<ILiveGroupSource> groupSources;
    private readonly IEnumerable<ILiveSessionCheck> sessionChecks;
    private readonly LiveGroupTickets tickets;

    public ShopHub(LiveConnections connections, IAuthorizationService authorization, IEnumerable<ILiveGroupSource> groupSources, IEnumerable<ILiveSessionCheck> sessionChecks, LiveGroupTickets tickets)
    {
        this.tickets = tickets;
        this.connections = connections;
        this.authorization = authorization;
        this.groupSources = groupSources;
        this.sessionChecks = sessionChecks;
    }

    public override async Task OnConnectedAsync()
    {
        var groups = new List<string> { LiveGroups.Stock };
        var user = Context.User;
        var userId = user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        foreach (var check in sessionChecks)
        {
            if (userId is not null && !await check.IsCurrentAsync(user!))
            {
                userId = null;
            }
        }

        if (userId is not null)
        {
            groups.Add(LiveGroups.User(userId));
            if ((await authorization.AuthorizeAsync(user!, NexusPolicies.BackOffice)).Succeeded)
            {
                groups.Add(LiveGroups.Staff);
            }

            // Tracked so a sign-out can end this connection (LiveSignOut) on whichever instance holds it.
            connections.Add(userId, Context);
        }

        if (Context.GetHttpContext() is { } http)
        {
            foreach (var source in groupSources)
            {
                groups.AddRange(source.GroupsFor(http));
            }
        }

        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.User?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            connections.Remove(userId, Context); // nothing to remove when it was not current: harmless
        }

        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The one call a browser may make: proves the connection is alive end to end (rate-limited).</summary>
    public string Ping() => "pong";

    /// <summary>
    /// Joins the group a server-issued ticket names (a guest cart that appeared after the connection opened); false
    /// for a forged, tampered or expired ticket, which joins nothing. Rate-limited like every call.
    /// </summary>
    public async Task<bool> JoinWithTicket(string ticket)
    {
        if (tickets.Read(ticket) is not { } group)
        {
            return false;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        return true;
    }
}
