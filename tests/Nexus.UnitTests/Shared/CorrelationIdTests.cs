using Nexus.Shared.Web;

namespace Nexus.UnitTests.Shared;

internal sealed class CorrelationIdTests
{
    [TestCase("abc-123_DEF.4", true)]
    [TestCase("", false)]
    [TestCase(null, false)]
    [TestCase("has space", false)]
    [TestCase("line\nbreak", false)]
    [TestCase("<script>", false)]
    public void Accepts_only_short_plain_ids_from_callers(string? value, bool acceptable) =>
        CorrelationId.IsAcceptable(value).Should().Be(acceptable);

    [Test]
    public void Rejects_ids_longer_than_64_characters() => CorrelationId.IsAcceptable(new string('a', 65)).Should().BeFalse();
}
