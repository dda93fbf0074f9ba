using Nexus.Modules.Catalog.Domain;

namespace Nexus.UnitTests.Catalog;

internal sealed class MoneyTests
{
    [TestCase(129900, "EUR", "€1,299.00")]
    [TestCase(5, "USD", "$0.05")]
    [TestCase(0, "GBP", "£0.00")]
    [TestCase(1999, "CHF", "CHF 19.99")]
    public void Formats_minor_units_for_shoppers(long minor, string currency, string expected) =>
        Money.Format(minor, currency).Should().Be(expected);
}
