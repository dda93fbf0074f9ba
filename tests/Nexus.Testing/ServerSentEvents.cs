namespace Nexus.Testing;

/// <summary>Reads a Server-Sent Events stream (text/event-stream) event by event, as the sub-apps' live streams send it.</summary>
public static class ServerSentEvents
{
    /// <summary>The next event (comments such as heartbeats skipped), or null when the server ended the stream.</summary>
    public static async Task<(string Name, string Data)?> NextEventAsync(this StreamReader reader, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var cancel = new CancellationTokenSource(timeout);
        string name = "message", data = string.Empty;
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    return (name, data);
                }

                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        return null;
    }
}
