using Nexus.Modules.Catalog.Domain;

namespace Nexus.UnitTests.Catalog;

internal sealed class SlugTests
{
    [TestCase("Nexus Pro Licence (1 year)", "nexus-pro-licence-1-year")]
    [TestCase("  27\" 4K Monitor  ", "27-4k-monitor")]
    [TestCase("Café Crème", "cafe-creme")]
    [TestCase("USB-C -- Cable", "usb-c-cable")]
    public void Makes_url_friendly_names(string name, string expected) => Slug.From(name).Should().Be(expected);
}
