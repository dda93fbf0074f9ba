namespace Nexus.Shared.Account;

/// <summary>
/// A built-in tab of the customer's account (profile, addresses, ...), registered as a singleton by the module that
/// owns its page — the one list both Identity's <c>/account</c> overview and the host's sub-app tab pages render, so
/// a module that is switched off takes its tab with it. Sub-apps get their tabs from the sub-app registry.
/// </summary>
/// <param name="Key">The URL segment and test id (<c>tab-&lt;key&gt;</c>).</param>
/// <param name="Title">The tab's label.</param>
/// <param name="Path">Where the tab's page lives, e.g. <c>/account/profile</c>.</param>
/// <param name="Description">One line on the overview, e.g. "your name and phone number".</param>
/// <param name="Order">Position among the tabs (sub-apps come at 500).</param>
public sealed record AccountTab(string Key, string Title, string Path, string Description, int Order = 100);
