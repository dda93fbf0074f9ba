using Nexus.Modules.Customers.Features;

namespace Nexus.UnitTests.Customers;

internal sealed class ContactRulesTests
{
    [TestCase("+44 20 7946 0000", true)]
    [TestCase("(030) 123-4567", true)]
    [TestCase("12345", false)]
    [TestCase("call me maybe", false)]
    [TestCase("+1 234 567 890 123 456 789 0", false)]
    public void Phone_numbers(string phone, bool valid) => ContactRules.IsPhone(phone).Should().Be(valid);

    [TestCase("SW1A 1AA", true)]
    [TestCase("10115", true)]
    [TestCase("1234-567", true)]
    [TestCase("!!", false)]
    [TestCase("A", false)]
    [TestCase("ABCDEFGHIJK", false)]
    public void Postal_codes(string code, bool valid) => ContactRules.IsPostalCode(code).Should().Be(valid);

    [TestCase("GB", true)]
    [TestCase("gb", false)]
    [TestCase("GBR", false)]
    [TestCase("G1", false)]
    public void Country_codes(string code, bool valid) => ContactRules.IsCountryCode(code).Should().Be(valid);
}
