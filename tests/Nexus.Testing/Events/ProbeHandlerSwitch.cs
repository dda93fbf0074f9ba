namespace Nexus.Testing.Events;

/// <summary>Per host: while <see cref="Broken"/>, poisoned pings throw — "the handler has a bug" until the test fixes it.</summary>
public sealed class ProbeHandlerSwitch
{
    private int poisonAttempts;

    public bool Broken { get; set; } = true;

    public int PoisonAttempts => Volatile.Read(ref poisonAttempts);

    internal void CountPoisonAttempt() => Interlocked.Increment(ref poisonAttempts);
}
