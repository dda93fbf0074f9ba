using Nexus.Shared.SubApps;

namespace Nexus.Shared.Account;

/// <summary>
/// The account's one tab bar: the modules' <see cref="AccountTab"/>s and a tab per sub-app, in one order, one tab per
/// key (a tab registered twice — say by the host and later by its module — shows once). Rendered by the host's
/// shared <c>_AccountTabs</c> partial on every account page, whichever module owns the page.
/// </summary>
public static class AccountNavigation
{
    /// <summary>The current-tab key of the overview (<c>/account</c>).</summary>
    public const string Overview = "overview";

    /// <summary>Sub-apps (Licenses, ...) come right after Orders: what the customer bought, then what it unlocked.</summary>
    public const int SubAppOrder = 20;

    public static IReadOnlyList<AccountTab> Tabs(IEnumerable<AccountTab> builtIn, SubAppRegistry? subApps)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        var apps = subApps?.All ?? [];
        return [.. builtIn
            .Concat(apps.Select(a => new AccountTab(a.Definition.Name, a.Definition.Title, $"/account/{a.Definition.Name}", a.Definition.Title, SubAppOrder)))
            .OrderBy(t => t.Order).ThenBy(t => t.Title, StringComparer.Ordinal)
            .DistinctBy(t => t.Key, StringComparer.Ordinal)];
    }

    /// <summary>Whether a tab frames a sub-app (the host opens those in place: wwwroot/js/account-tabs.js).</summary>
    public static bool IsSubApp(SubAppRegistry? subApps, string tabKey) => subApps?.Find(tabKey) is not null;
}
