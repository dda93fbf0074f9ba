using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nexus.Tools.Bench.Realtime;

/// <summary>
/// The reference, run as a child process (<c>--reference-host &lt;port&gt;</c>) like the Nexus side: a bare ASP.NET Core
/// app with one empty hub and SignalR's defaults, no Nexus code. A <c>push &lt;seq&gt;</c> sends the same message shape
/// Nexus sends (type, version, payload { productId, inStock }) to every connection, timed at the send.
/// </summary>
internal static class ReferenceSide
{
    public const string HubPath = "/hub";

    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR();
        await using var app = builder.Build();
        app.MapHub<EmptyHub>(HubPath);
        await app.StartAsync();

        var products = Enumerable.Range(0, NexusSide.Products).Select(_ => Guid.NewGuid()).ToList();
        ChildProtocol.Ready(new Uri($"http://127.0.0.1:{port}/"), products);
        var hub = app.Services.GetRequiredService<IHubContext<EmptyHub>>();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (ChildProtocol.ParsePush(line) is not { } seq)
            {
                break;
            }

            var message = new
            {
                type = "stock.changed",
                version = 1,
                payload = new { productId = products[seq % NexusSide.Products], inStock = seq / NexusSide.Products % 2 == 0 },
            };
            var sent = Stopwatch.GetTimestamp();
            await hub.Clients.All.SendAsync("live", message);
            ChildProtocol.Pushed(seq, sent);
        }

        await app.StopAsync();
        return 0;
    }
}

/// <summary>Nothing: connections only listen.</summary>
internal sealed class EmptyHub : Hub;
