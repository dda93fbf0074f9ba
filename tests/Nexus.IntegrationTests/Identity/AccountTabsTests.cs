using System.Text.RegularExpressions;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// The account's tabs are one list, in one order, whichever module owns the page (the shared <c>_AccountTabs</c>):
/// Overview, Orders, Licenses, Wishlist, Addresses, Profile, Security — a switched-off module takes its tabs along.
/// Every account page carrying it, with the right current tab, is <c>Customers.AccountAreaTests</c>.
/// </summary>
internal sealed partial class AccountTabsTests
{
    private static async Task<IReadOnlyList<string>> TabsAsync(NexusHostFactory host, string path)
    {
        using var client = host.CreateClientAs("tabs-user", NexusRoles.Customer);
        var html = await client.GetStringAsync(path);
        return [.. TabId().Matches(html).Select(m => m.Groups[1].Value)];
    }

    [Test]
    public async Task The_overview_and_a_sub_app_tab_list_the_same_tabs_in_the_same_order()
    {
        using var host = new NexusHostFactory().WithTestAuthentication();

        var overview = await TabsAsync(host, "/account");
        var subAppPage = await TabsAsync(host, "/account/licensing");

        overview.Should().Equal("overview", "orders", "licensing", "wishlist", "addresses", "profile", "notifications", "security");
        subAppPage.Should().Equal(overview);
    }

    [Test]
    public async Task A_switched_off_module_takes_its_tabs_with_it()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Modules:Customers:Enabled"] = "false" }).WithTestAuthentication();

        (await TabsAsync(host, "/account")).Should().Equal("overview", "orders", "licensing", "notifications", "security");
        (await TabsAsync(host, "/account/licensing")).Should().Equal("overview", "orders", "licensing", "notifications", "security");
    }

    [GeneratedRegex("data-testid=\"tab-([a-z-]+)\"")]
    private static partial Regex TabId();
}
