using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nexus.Testing;

/// <summary>Free loopback TCP ports for throwaway servers.</summary>
public static class FreePort
{
    // Never hand the same port out twice in one process, even after it was freed again: a
    // restarted server expects to get its own port back.
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>
    /// A port that is free on 127.0.0.1 (and ::1) right now. Another process can still take it
    /// before the server binds it, so servers retry with a new port when binding fails.
    /// </summary>
    /// <remarks>
    /// Ports come from below the kernel's ephemeral range, not from binding port 0: an ephemeral
    /// port can be picked by any outgoing connection, and a client reconnecting to a stopped server
    /// on 127.0.0.1:P can even connect to itself using P as its local port, after which the server
    /// cannot bind P on restart. The range also stays clear of the ports Chromium refuses.
    /// </remarks>
    public static int Next()
    {
        var (low, high) = CandidateRange();
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(low, high + 1);
            if (!HandedOut.ContainsKey(port) && IsFree(port) && HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free TCP port found between {low} and {high}.");
    }

    private static (int Low, int High) CandidateRange()
    {
        // The IANA ephemeral range is the default where the kernel does not say (macOS, Windows).
        var ephemeralLow = 49152;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            ephemeralLow = int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Keep the default.
        }

        // 32768 (Linux) gives 16384-32767.
        return ephemeralLow >= 20000 ? (ephemeralLow / 2, ephemeralLow - 1) : (15000, 19999);
    }

    private static bool IsFree(int port)
    {
        if (!CanBind(IPAddress.Loopback, port))
        {
            return false;
        }

        // ASP.NET Core's "localhost" binds ::1 as well.
        return !Socket.OSSupportsIPv6 || CanBind(IPAddress.IPv6Loopback, port);
    }

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // IPv6 is compiled in but ::1 is not configured (some containers): nothing can clash there.
            return true;
        }
    }
}
