namespace Nexus.EndToEndTests;

/// <summary>Products of the demo catalog (a fixed seed, so these are stable) that the audits and journeys visit.</summary>
internal static class DemoProducts
{
    /// <summary>Size × Colour, L / Heather Grey sold out, five reviews; second page of Tops, in stock, $20–60, by price.</summary>
    public const string HoodieWithSoldOutSize = "/products/meridian-classic-hoodie-r50";

    public const string HoodieName = "Meridian Classic Hoodie R50";

    /// <summary>Mechanical Keyboard K2, the first hand-written product.</summary>
    public const string KeyboardId = "0193a001-0000-7000-8000-000000000001";
}
