namespace Nexus.Shared.Account;

/// <summary>
/// A built-in tab of the customer's account (profile, addresses, ...), registered as a singleton by the module that
/// owns its page — the one list the account's tab bar (<see cref="AccountNavigation"/>, the host's shared
/// <c>_AccountTabs</c> partial) renders on every account page, so a module that is switched off takes its tab with
/// it. Sub-apps get their tabs from the sub-app registry.
/// </summary>
/// <param name="Key">The URL segment and test id (<c>tab-&lt;key&gt;</c>).</param>
/// <param name="Title">The tab's label.</param>
/// <param name="Path">Where the tab's page lives, e.g. <c>/account/profile</c>.</param>
/// <param name="Description">One line on the overview, e.g. "your name and phone number".</param>
/// <param name="Order">Position among the tabs: Orders 10, sub-apps (Licenses) 20, Wishlist 30, Addresses 40, Profile 50, Security 60.</param>
public sealed record AccountTab(string Key, string Title, string Path, string Description, int Order = 100);
