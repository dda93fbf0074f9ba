using Nexus.Payments.StubProvider.Api;
using Nexus.Payments.StubProvider.Data;
using Nexus.Payments.StubProvider.Domain;

namespace Nexus.Payments.StubProvider.Webhooks;

/// <summary>Adds an event for the shop to the provider's books (saved with the change that caused it).</summary>
internal static class EventRecorder
{
    public static StubEvent Record(NexusPayDbContext db, string type, StubIntent intent, StubRefund? refund, DateTime now)
    {
        var id = StubEvent.NewId();
        var stubEvent = StubEvent.Create(id, type, intent.Id, StubJson.Event(id, type, now, intent, refund), now);
        db.Events.Add(stubEvent);
        return stubEvent;
    }
}
