using System.ComponentModel.DataAnnotations;

namespace Nexus.Shared.Startup;

/// <summary>The <c>Nexus</c> configuration section; validated at start-up.</summary>
public sealed class NexusOptions
{
    public const string Section = "Nexus";

    /// <summary>Resolved data folder (see <see cref="DataFolder"/>).</summary>
    [Required]
    public string DataPath { get; set; } = string.Empty;

    /// <summary>Put demo products in place on an empty catalog (on by default, so a fresh clone shows a shop).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>The shop's name as shoppers see it.</summary>
    [Required]
    [StringLength(60, MinimumLength = 1)]
    public string ShopName { get; set; } = "Nexus";
}
