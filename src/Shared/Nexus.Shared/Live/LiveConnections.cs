using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Nexus.Shared.Live;

/// <summary>This instance's signed-in connections by user, so a sign-out can end them (<see cref="LiveSignOut"/>).</summary>
internal sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> byUser = new(StringComparer.Ordinal);

    public void Add(string userId, HubCallerContext connection) =>
        byUser.GetOrAdd(userId, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Remove(string userId, HubCallerContext connection)
    {
        if (byUser.TryGetValue(userId, out var connections))
        {
            connections.TryRemove(connection.ConnectionId, out _);
            if (connections.IsEmpty)
            {
                byUser.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubCallerContext>>(userId, connections));
            }
        }
    }

    public IReadOnlyList<HubCallerContext> Of(string userId) =>
        byUser.TryGetValue(userId, out var connections) ? [.. connections.Values] : [];
}
