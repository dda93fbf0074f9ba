using Nexus.Modules.Licensing.Domain;

namespace Nexus.UnitTests.Licensing;

internal sealed class LicenseKeyTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);

    private static LicenseKey NewKey(int max = 2) => LicenseKey.Issue(LicenseKeyFormat.NewKey(), Guid.NewGuid(), "c1", Guid.NewGuid(), "Photo Studio", max, Now);

    [Test]
    public void A_key_is_active_on_at_most_its_limit_of_devices_and_the_refusal_is_in_its_history()
    {
        var key = NewKey();

        key.Activate("a", "A", Now).Should().Be(ActivationOutcome.Activated);
        key.Activate("a", "A", Now).Should().Be(ActivationOutcome.AlreadyActive);
        key.Activate("b", "B", Now).Should().Be(ActivationOutcome.Activated);
        key.Activate("c", "C", Now).Should().Be(ActivationOutcome.LimitReached);

        key.ActiveCount.Should().Be(2);
        key.History.Select(e => e.Kind).Should().Equal(LicenseEventKind.Issued, LicenseEventKind.Activated, LicenseEventKind.Activated, LicenseEventKind.Refused);
    }

    [Test]
    public void Deactivating_frees_a_slot()
    {
        var key = NewKey(max: 1);
        key.Activate("a", "A", Now);

        key.DeactivateDevice("a", Now).Should().BeTrue();
        key.DeactivateDevice("a", Now).Should().BeFalse("it is no longer active");

        key.Activate("b", "B", Now).Should().Be(ActivationOutcome.Activated);
    }

    [Test]
    public void A_revoked_key_is_active_nowhere_and_cannot_be_activated()
    {
        var key = NewKey();
        key.Activate("a", "A", Now);

        key.Revoke(Now);

        key.ActiveCount.Should().Be(0);
        key.Activate("b", "B", Now).Should().Be(ActivationOutcome.Revoked);
    }

    [Test]
    public void Resetting_frees_every_slot_and_says_so_in_the_history()
    {
        var key = NewKey();
        key.Activate("a", "A", Now);
        key.Activate("b", "B", Now);

        key.ResetActivations(Now);

        key.ActiveCount.Should().Be(0);
        key.History[^1].Kind.Should().Be(LicenseEventKind.Reset);
    }

    [Test]
    public void Keys_are_readable_and_accepted_as_people_type_them()
    {
        var key = LicenseKeyFormat.NewKey();

        key.Should().MatchRegex("^([2-9A-HJ-NP-Z]{5}-){4}[2-9A-HJ-NP-Z]{5}$");
        LicenseKeyFormat.Normalise(key.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)).Should().Be(key);
        Enumerable.Range(0, 1000).Select(_ => LicenseKeyFormat.NewKey()).Distinct().Should().HaveCount(1000);
    }
}
