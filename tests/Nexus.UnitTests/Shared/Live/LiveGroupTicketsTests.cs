using Microsoft.AspNetCore.DataProtection;
using Nexus.Shared.Live;

namespace Nexus.UnitTests.Shared.Live;

/// <summary>A ticket names the group it was issued for, and nothing forged, tampered with or foreign reads as one.</summary>
internal sealed class LiveGroupTicketsTests
{
    // One key ring per name, for the life of the test run (an ephemeral provider is a fresh ring each time).
    private static readonly Dictionary<string, IDataProtectionProvider> Rings = new(StringComparer.Ordinal);

    private static LiveGroupTickets Tickets(string ring = "shop")
    {
        lock (Rings)
        {
            if (!Rings.TryGetValue(ring, out var provider))
            {
                Rings[ring] = provider = new EphemeralDataProtectionProvider();
            }

            return new LiveGroupTickets(provider);
        }
    }

    [Test]
    public void A_ticket_reads_back_as_its_group()
    {
        var tickets = Tickets();
        var group = LiveGroups.GuestCart("token");
        tickets.Read(tickets.Issue(group)).Should().Be(group);
    }

    [Test]
    public void Forged_tampered_empty_oversized_and_other_shops_tickets_read_as_nothing()
    {
        var tickets = Tickets();
        var ticket = tickets.Issue(LiveGroups.GuestCart("token"));
        tickets.Read(null).Should().BeNull();
        tickets.Read(string.Empty).Should().BeNull();
        tickets.Read(LiveGroups.GuestCart("token")).Should().BeNull("a group's name is not a ticket");
        tickets.Read(ticket[..^2] + (ticket[^2] == 'A' ? "B" : "A") + ticket[^1]).Should().BeNull();
        tickets.Read(new string('A', 2000)).Should().BeNull();
        Tickets("another-shop").Read(ticket).Should().BeNull("another key ring did not sign it");
    }
}
