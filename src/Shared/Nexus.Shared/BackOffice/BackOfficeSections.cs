namespace Nexus.Shared.BackOffice;

/// <summary>Rules over all the back-office sections a host's modules contribute.</summary>
public static class BackOfficeSections
{
    /// <summary>
    /// Two sections with one <see cref="BackOfficeSection.Order"/> would be listed in an order nobody chose (it fell
    /// back to the title): refuse to start instead, naming both. Runs over singletons already built — no I/O.
    /// </summary>
    public static void EnsureUniqueOrder(IEnumerable<BackOfficeSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var clash = sections.GroupBy(s => s.Order).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException(
                $"Back-office sections {string.Join(" and ", clash.Select(s => $"'{s.Title}'"))} both claim order {clash.Key}; give each its own.");
        }
    }
}
