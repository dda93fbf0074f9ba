using Microsoft.AspNetCore.SignalR;

namespace Nexus.Shared.Live;

/// <summary>
/// Per-connection limit on browser-to-server calls. A page calls only <see cref="ShopHub.Ping"/> now and then; a
/// connection calling faster than <see cref="Burst"/> within <see cref="Window"/> is refused with a hub error, and one
/// that keeps going after <see cref="AbortAfter"/> refusals is closed (its reconnect starts from an empty window, so a
/// buggy page recovers and a hostile one gains nothing).
/// </summary>
internal sealed class LiveCallLimit : IHubFilter
{
    internal const int Burst = 10;
    internal const int AbortAfter = 20;
    internal static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private const string StateKey = "nexus.live.calls";

    private readonly TimeProvider clock;

    public LiveCallLimit(TimeProvider clock) => this.clock = clock;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocationContext.Context;
        // Invocations of one connection run one at a time (MaximumParallelInvocationsPerClient = 1), so no race here.
        if (context.Items.TryGetValue(StateKey, out var stored) is false || stored is not CallWindow state)
        {
            state = new CallWindow();
            context.Items[StateKey] = state;
        }

        var now = clock.GetUtcNow();
        bool allowed;
        bool abort;
        lock (state)
        {
            if (now - state.Started >= Window)
            {
                state.Started = now;
                state.Calls = 0;
            }

            state.Calls++;
            allowed = state.Calls <= Burst;
            abort = state.Calls > Burst + AbortAfter;
        }

        if (abort)
        {
            context.Abort();
        }

        if (!allowed)
        {
            throw new HubException("Too many calls on this connection; slow down.");
        }

        return await next(invocationContext);
    }

    private sealed class CallWindow
    {
        public DateTimeOffset Started { get; set; } = DateTimeOffset.MinValue;

        public int Calls { get; set; }
    }
}
