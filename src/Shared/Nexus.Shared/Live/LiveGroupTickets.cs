using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Nexus.Shared.Live;

/// <summary>
/// A server-issued, signed, short-lived permit to join one group after the connection opened. A guest's first add to
/// the cart creates the cart (and its cookie) after the page connected: the connection opened without it and cannot
/// see the new cookie later (SignalR keeps the opening request's). The cart's own markup, rendered for a request that
/// carries the cookie, holds a ticket for the cart's group, and the page hands it to <see cref="ShopHub.JoinWithTicket"/>.
/// Reopening the connection instead raced SignalR's close message against the transport's end under Server-Sent
/// Events (a stray 404 in the console). The ticket names a group, never a cart token, and cannot be forged without
/// the shop's data-protection keys.
/// </summary>
public sealed class LiveGroupTickets
{
    /// <summary>Long enough for a page left open for a while; a stale page re-reads its cart slot (and a new ticket) on reconnect.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private readonly ITimeLimitedDataProtector protector;

    public LiveGroupTickets(IDataProtectionProvider dataProtection)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        protector = dataProtection.CreateProtector("Nexus.Live.GroupTicket.v1").ToTimeLimitedDataProtector();
    }

    public string Issue(string group)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        return protector.Protect(group, Lifetime);
    }

    /// <summary>The group a ticket names, or null when it is forged, tampered with, expired or empty.</summary>
    public string? Read(string? ticket)
    {
        if (string.IsNullOrWhiteSpace(ticket) || ticket.Length > 1024)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(ticket);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
