using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Nexus.ArchitectureTests;

/// <summary>
/// TempData is one dictionary per browser, shared by every module's pages. Two <c>[TempData]</c> properties with the
/// same key but different types break each other: a customer's profile stored <c>Saved = true</c> and the back office's
/// content list, reading <c>Saved</c> as a string, answered 500 on its next view (found by the hostile-input sweep).
/// A key therefore has one type everywhere.
/// </summary>
internal sealed class TempDataKeyTests
{
    [Test]
    public void A_temp_data_key_has_one_type_across_every_page()
    {
        var properties = NexusAssemblies.All.SelectMany(NexusAssemblies.Types)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<TempDataAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (Key: x.Attribute!.Key ?? x.Property.Name, Type: x.Property.PropertyType, Where: $"{x.Property.DeclaringType!.FullName}.{x.Property.Name}"))
            .ToList();

        properties.Should().NotBeEmpty();
        var clashes = properties.GroupBy(p => p.Key)
            .Where(g => g.Select(p => Nullable.GetUnderlyingType(p.Type) ?? p.Type).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => $"{p.Where} ({p.Type.Name})"))}")
            .ToList();
        clashes.Should().BeEmpty();
    }
}
