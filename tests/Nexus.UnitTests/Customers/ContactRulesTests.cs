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

/// <summary>The address book and checkout share one list of countries the shop ships to, with its own message.</summary>
internal sealed class ShippingCountryRuleTests
{
    [TestCase("GB", null)]
    [TestCase("US", null)]
    [TestCase("ZZ", "We do not ship to that country yet; choose one from the list.")]
    [TestCase("gb", "Choose a country.")]
    [TestCase("Narnia", "Choose a country.")]
    public void A_country_must_be_well_formed_and_one_the_shop_ships_to(string code, string? message)
    {
        var address = new Nexus.Modules.Customers.Contracts.PostalAddress("Ada Lovelace", "1 Analytical Row", null, "London", "SW1A 1AA", null, code, null);

        var errors = new Nexus.Modules.Customers.Features.Addresses.PostalAddressValidator().Validate(address).Errors;

        errors.Select(e => e.ErrorMessage).Should().BeEquivalentTo(message is null ? [] : new[] { message });
    }

    [Test]
    public void Every_listed_country_is_a_well_formed_code_listed_once() =>
        Nexus.Modules.Customers.Contracts.ShippingCountries.All.Select(c => c.Code).Should()
            .OnlyHaveUniqueItems().And.OnlyContain(code => ContactRules.IsCountryCode(code));
}
