using System.Globalization;
using System.Text;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Images;

namespace Nexus.Modules.Catalog.Seeding;

/// <summary>
/// The demo shop, built in memory from a fixed seed: 6 top-level categories with 17 leaves (Apparel nests two levels:
/// Apparel › Tops › T-Shirts), 8 hand-written products and 30 generated ones per leaf (518 in all). Apparel has
/// Size × Colour variants, software is digital with editions (Licensing issues keys for digital order lines), some
/// products and variants are sold out or low on stock, some have a compare-at price, a few are unpublished drafts,
/// and about half carry reviews from demo customers (with the purchases that make them verified). Every id, name,
/// date and number comes from the seed, so two builds are identical.
/// </summary>
internal static class DemoCatalog
{
    public const int ProductsPerLeaf = 30;

    public static readonly Guid Hardware = Id(0, 1);
    public static readonly Guid Software = Id(0, 2);
    public static readonly Guid Accessories = Id(0, 3);

    private static readonly DateTime Epoch = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Brands =
    [
        "Aurora", "Basalt", "Cobalt", "Drift", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
        "Kestrel", "Lumen", "Meridian", "Nimbus", "Orbit", "Pinewood", "Quartz", "Ridge", "Summit", "Tundra",
    ];

    private static readonly string[] CommonTags = ["gift-idea", "bestseller", "new-arrival", "eco", "staff-pick"];

    private static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chloé", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nina",
        "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoe",
    ];

    private static readonly (string Code, string Name)[] Colours =
    [
        ("BLK", "Black"), ("WHT", "White"), ("NVY", "Navy"), ("GRN", "Forest Green"), ("RED", "Brick Red"), ("GRY", "Heather Grey"),
    ];

    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL"];

    private static readonly Leaf[] Leaves =
    [
        new(10, Hardware, "Keyboards", "keyboards", "KB", ProductKind.Plain, 39, 249, ["Keyboard", "Keypad", "Tenkeyless Keyboard"], ["Mechanical", "Low-Profile", "Wireless", "Silent", "Compact"], ["mechanical", "wireless", "rgb", "usb-c"], [("Switches", ["Linear", "Tactile", "Clicky"]), ("Layout", ["ANSI", "ISO", "75 %", "65 %"]), ("Connection", ["USB-C", "Bluetooth 5.3", "2.4 GHz"])]),
        new(11, Hardware, "Mice", "mice", "MS", ProductKind.Plain, 19, 129, ["Mouse", "Trackball", "Vertical Mouse"], ["Ergonomic", "Wireless", "Travel", "Precision", "Silent"], ["wireless", "ergonomic", "rechargeable"], [("Sensor", ["8,000 dpi", "16,000 dpi", "26,000 dpi"]), ("Buttons", ["3", "5", "6", "8"]), ("Battery", ["70 h", "120 h", "AA"])]),
        new(12, Hardware, "Monitors", "monitors", "MN", ProductKind.Plain, 149, 899, ["Monitor", "Display", "Ultrawide Monitor"], ["27-inch 4K", "24-inch", "34-inch Curved", "32-inch QHD", "Portable"], ["4k", "usb-c", "hdr"], [("Panel", ["IPS", "VA", "OLED"]), ("Refresh rate", ["60 Hz", "144 Hz", "165 Hz"]), ("Inputs", ["HDMI, DisplayPort", "USB-C 65 W, HDMI", "USB-C 90 W, DisplayPort"])]),
        new(13, Hardware, "Docks & Hubs", "docks-hubs", "DK", ProductKind.Plain, 29, 329, ["Dock", "Hub", "Adapter"], ["Thunderbolt", "USB-C", "Dual-Display", "Travel", "Multiport"], ["usb-c", "thunderbolt", "travel"], [("Ports", ["4", "7", "11", "13"]), ("Power delivery", ["60 W", "85 W", "100 W"]), ("Displays", ["1", "2", "3"])]),
        new(20, Software, "Productivity", "productivity", "SP", ProductKind.Software, 19, 149, ["Notes", "Planner", "Writer", "Mail", "Calendar"], ["Focus", "Team", "Personal", "Studio", "Cloud"], ["licence", "subscription", "cross-platform"], [("Platforms", ["Windows, macOS", "Windows, macOS, Linux", "macOS, iOS"]), ("Devices", ["1", "3", "5"]), ("Updates", ["1 year", "Lifetime"])]),
        new(21, Software, "Security", "security", "SS", ProductKind.Software, 29, 199, ["Antivirus", "Password Vault", "VPN", "Backup", "Firewall"], ["Total", "Family", "Secure", "Private", "Shield"], ["licence", "privacy", "family"], [("Platforms", ["Windows, macOS", "All platforms"]), ("Devices", ["1", "5", "10"]), ("Term", ["1 year", "2 years"])]),
        new(22, Software, "Developer Tools", "developer-tools", "SD", ProductKind.Software, 49, 399, ["IDE", "Profiler", "Database Client", "Git Client", "API Tester"], ["Pro", "Ultimate", "Lite", "Team", "Enterprise"], ["licence", "developer", "cross-platform"], [("Platforms", ["Windows, macOS, Linux"]), ("Seats", ["1", "5", "10"]), ("Updates", ["1 year", "3 years"])]),
        new(30, Accessories, "Cables", "cables", "CB", ProductKind.Plain, 9, 49, ["Cable", "Extension", "Adapter Cable"], ["Braided USB-C", "Thunderbolt 4", "HDMI 2.1", "DisplayPort 1.4", "Magnetic"], ["usb-c", "braided", "fast-charging"], [("Length", ["0.5 m", "1 m", "2 m", "3 m"]), ("Speed", ["10 Gbps", "40 Gbps", "48 Gbps"]), ("Power", ["60 W", "100 W", "240 W"])]),
        new(31, Accessories, "Stands & Mounts", "stands-mounts", "ST", ProductKind.Coloured, 19, 199, ["Laptop Stand", "Monitor Arm", "Tablet Stand", "Headphone Stand"], ["Aluminium", "Adjustable", "Foldable", "Dual", "Walnut"], ["aluminium", "adjustable", "desk-setup"], [("Material", ["Aluminium", "Steel", "Walnut"]), ("Max load", ["5 kg", "8 kg", "12 kg"]), ("Height", ["Fixed", "Adjustable"])]),
        new(32, Accessories, "Bags & Sleeves", "bags-sleeves", "BG", ProductKind.Coloured, 25, 189, ["Backpack", "Sleeve", "Messenger Bag", "Tech Pouch"], ["Commuter", "Weatherproof", "Slim", "Travel", "Recycled"], ["travel", "recycled", "laptop"], [("Fits", ["13-inch", "14-inch", "16-inch"]), ("Volume", ["12 l", "20 l", "28 l"]), ("Fabric", ["Recycled nylon", "Waxed canvas", "Cordura"])]),
        new(41, Id(0, 40), "T-Shirts", "t-shirts", "TS", ProductKind.Apparel, 19, 45, ["T-Shirt", "Tee", "Long-Sleeve Tee"], ["Organic", "Heavyweight", "Graphic", "Classic", "Pocket"], ["cotton", "organic", "unisex"], [("Fabric", ["100 % organic cotton", "Cotton-hemp blend", "Recycled cotton"]), ("Fit", ["Regular", "Relaxed", "Slim"]), ("Weight", ["160 g/m²", "220 g/m²"])]),
        new(42, Id(0, 40), "Hoodies", "hoodies", "HD", ProductKind.Apparel, 49, 99, ["Hoodie", "Zip Hoodie", "Sweatshirt"], ["Fleece", "Organic", "Midweight", "Oversized", "Classic"], ["cotton", "warm", "unisex"], [("Fabric", ["Brushed fleece", "Organic cotton", "French terry"]), ("Fit", ["Regular", "Oversized"]), ("Weight", ["320 g/m²", "400 g/m²"])]),
        new(43, Id(0, 4), "Headwear", "headwear", "HW", ProductKind.Coloured, 15, 39, ["Cap", "Beanie", "Bucket Hat"], ["Logo", "Wool", "Ripstop", "Classic", "Recycled"], ["unisex", "outdoor"], [("Material", ["Merino wool", "Cotton twill", "Recycled polyester"]), ("Size", ["One size", "Adjustable"])]),
        new(50, Id(0, 5), "Headphones", "headphones", "HP", ProductKind.Coloured, 29, 449, ["Headphones", "Earbuds", "Headset"], ["Noise-Cancelling", "Wireless", "Studio", "Open-Back", "Sport"], ["wireless", "noise-cancelling", "bluetooth"], [("Driver", ["10 mm", "40 mm", "50 mm"]), ("Battery", ["8 h", "30 h", "60 h"]), ("Codec", ["AAC", "aptX", "LDAC"])]),
        new(51, Id(0, 5), "Speakers", "speakers", "SK", ProductKind.Coloured, 39, 599, ["Speaker", "Soundbar", "Desk Speakers"], ["Portable", "Bookshelf", "Waterproof", "Smart", "Compact"], ["bluetooth", "portable", "wireless"], [("Output", ["10 W", "40 W", "120 W"]), ("Battery", ["Mains", "12 h", "24 h"]), ("Water resistance", ["None", "IPX4", "IP67"])]),
        new(60, Id(0, 6), "Desks", "desks", "DS", ProductKind.Plain, 199, 999, ["Standing Desk", "Desk", "Desk Frame"], ["Electric", "Oak", "Compact", "Corner", "Bamboo"], ["standing-desk", "desk-setup", "ergonomic"], [("Top", ["120 × 60 cm", "140 × 70 cm", "160 × 80 cm"]), ("Height", ["Fixed 74 cm", "62–127 cm"]), ("Motors", ["None", "1", "2"])]),
        new(61, Id(0, 6), "Lighting", "lighting", "LT", ProductKind.Coloured, 19, 249, ["Desk Lamp", "Light Bar", "Floor Lamp"], ["LED", "Dimmable", "Smart", "Monitor", "Architect"], ["led", "desk-setup", "smart-home"], [("Brightness", ["400 lm", "800 lm", "1,200 lm"]), ("Colour temperature", ["2700 K", "2700–6500 K"]), ("Power", ["USB", "Mains"])]),
    ];

    public static DemoCatalogData Build(string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        var categories = new List<Category>
        {
            new(Hardware, "Hardware", "hardware", null, "Keyboards, mice, monitors and docks for a better desk.", 0),
            new(Software, "Software", "software", null, "Licences delivered as keys, the moment your order is paid.", 1),
            new(Accessories, "Accessories", "accessories", null, "Cables, stands and bags that make the rest work.", 2),
            new(Id(0, 4), "Apparel", "apparel", null, "Soft, durable clothes in organic and recycled fabrics.", 3),
            new(Id(0, 40), "Tops", "tops", Id(0, 4), "T-shirts and hoodies.", 0),
            new(Id(0, 5), "Audio", "audio", null, "Headphones and speakers.", 4),
            new(Id(0, 6), "Home Office", "home-office", null, "Desks and lighting for long days.", 5),
        };
        categories.AddRange(Leaves.Select((leaf, i) => new Category(Id(0, leaf.Number), leaf.Name, leaf.Slug, leaf.Parent, $"Our {leaf.Name.ToLowerInvariant()}.", i)));

        var random = new DemoRandom(14);
        var products = new List<Product>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var serial = 0;
        foreach (var seed in HandWritten())
        {
            var product = new Product(Id(1, ++serial), seed.Sku, seed.Name, Unique(slugs, Slug.From(seed.Name), seed.Sku), seed.Description, seed.PriceMinor, currency, seed.Category, seed.IsDigital, Epoch.AddHours(-serial));
            product.AddDefaultVariant(seed.Stock);
            Picture(product);
            products.Add(product);
        }

        foreach (var leaf in Leaves)
        {
            for (var n = 1; n <= ProductsPerLeaf; n++)
            {
                products.Add(Generate(leaf, n, ++serial, currency, random, slugs));
            }
        }

        var reviews = new List<ProductReview>();
        var purchases = new List<ProductPurchase>();
        var reviewSerial = 0;
        foreach (var product in products.Where(p => p.IsPublished && random.Chance(0.55)))
        {
            var quality = 2.6 + random.NextDouble() * 2.3;
            var count = random.Between(1, 12);
            var customers = random.PickDistinct(Enumerable.Range(1, 400).ToList(), count);
            var ratings = new List<int>();
            foreach (var customer in customers)
            {
                reviewSerial++;
                var rating = Math.Clamp((int)Math.Round(quality + (random.NextDouble() - 0.5) * 2.2), 1, 5);
                var customerId = $"demo-customer-{customer:000}";
                var bought = product.CreatedAt.AddDays(random.Between(1, 20)).AddMinutes(random.Next(1440));
                purchases.Add(new ProductPurchase(Id(5, reviewSerial), product.Id, customerId, bought));
                var author = $"{random.Pick(FirstNames)} {(char)('A' + random.Next(26))}.";
                reviews.Add(new ProductReview(Id(4, reviewSerial), product.Id, customerId, author, rating, ReviewTitle(rating), ReviewBody(rating, product.Name, random), bought.AddDays(random.Between(2, 30))));
                ratings.Add(rating);
            }

            product.SetRating(ratings.Average(), ratings.Count);
        }

        return new DemoCatalogData(categories, products, reviews, purchases);
    }

    /// <summary>Deterministic, version-7-shaped ids: one range per kind of row (0 categories, 1 products, 2 variants, 3 images, 4 reviews, 5 orders).</summary>
    public static Guid Id(int kind, int serial) =>
        new(string.Create(CultureInfo.InvariantCulture, $"0193a0{kind:x2}-0000-7000-8000-{serial:x12}"));

    private static Product Generate(Leaf leaf, int n, int serial, string currency, DemoRandom random, HashSet<string> slugs)
    {
        var brand = random.Pick(Brands);
        var adjective = random.Pick(leaf.Adjectives);
        var noun = random.Pick(leaf.Nouns);
        var model = $"{(char)('A' + random.Next(26))}{random.Between(1, 9)}{(n % 10)}";
        var name = $"{brand} {adjective} {noun} {model}";
        var sku = $"{leaf.Code}-{n:000}";
        var price = random.Between(leaf.MinPrice, leaf.MaxPrice) * 100L - 1;
        var digital = leaf.Kind == ProductKind.Software;
        var created = Epoch.AddDays(-2).AddHours(-serial * 3).AddMinutes(-random.Next(180));
        var product = new Product(Id(1, serial), sku, name, Unique(slugs, Slug.From(name), sku), Description(leaf, brand, adjective, noun, random), price, currency, Id(0, leaf.Number), digital, created);
        product.UpdateDetails(name, $"{adjective} {noun.ToLowerInvariant()} by {brand}, {Feature(leaf, random)}.", product.DescriptionMarkdown, null, created);
        if (random.Chance(0.2))
        {
            var compareAt = (long)Math.Round(price * (1.15 + random.NextDouble() * 0.25) / 100.0) * 100 - 1;
            product.ChangePrice(price, Math.Max(compareAt, price + 100), created);
        }

        // A few drafts, so the back office has something unpublished to show.
        if (n % 29 == 7)
        {
            product.Unpublish(created);
        }

        // Stock: most products in stock, some low, some sold out altogether.
        var roll = random.NextDouble();
        var soldOut = !digital && roll < 0.07;
        var low = !digital && !soldOut && roll < 0.17;
        int Stock() => soldOut ? 0 : low ? random.Between(1, 2) : random.Between(8, 120);
        var variantSerial = serial * 100;
        switch (leaf.Kind)
        {
            case ProductKind.Software:
                product.SetOptionNames(["Edition"]);
                product.AddVariant(Id(2, ++variantSerial), $"{sku}-STD", "Standard", null, null, null, 0);
                product.AddVariant(Id(2, ++variantSerial), $"{sku}-PRO", "Pro", null, null, price * 2 - (price * 2 % 100) + 99, 0);
                if (random.Chance(0.5))
                {
                    product.AddVariant(Id(2, ++variantSerial), $"{sku}-TEAM", "Team (5 seats)", null, null, price * 4 - (price * 4 % 100) + 99, 0);
                }

                break;
            case ProductKind.Apparel:
                product.SetOptionNames(["Size", "Colour"]);
                var colours = random.PickDistinct(Colours, random.Between(2, 3));
                var fromSize = random.Between(0, 1);
                foreach (var size in Sizes.Skip(fromSize))
                {
                    foreach (var (code, colour) in colours)
                    {
                        // Within a product on sale, single sizes sell out: the page shows which combinations are gone.
                        var stock = soldOut ? 0 : random.Chance(0.15) ? 0 : Stock();
                        product.AddVariant(Id(2, ++variantSerial), $"{sku}-{size}-{code}", size, colour, null, null, stock);
                    }
                }

                break;
            case ProductKind.Coloured when random.Chance(0.6):
                product.SetOptionNames(["Colour"]);
                foreach (var (code, colour) in random.PickDistinct(Colours, random.Between(2, 4)))
                {
                    product.AddVariant(Id(2, ++variantSerial), $"{sku}-{code}", colour, null, null, null, Stock());
                }

                break;
            default:
                product.AddVariant(Id(2, ++variantSerial), sku, null, null, null, null, Stock());
                break;
        }

        var tags = random.PickDistinct(leaf.Tags, random.Between(1, 3)).ToList();
        if (random.Chance(0.35))
        {
            tags.Add(random.Pick(CommonTags));
        }

        product.ReplaceTags(tags);
        product.ReplaceSpecifications(
            new[] { ("Brand", brand), ("Model", model) }
                .Concat(leaf.Specifications.Select(s => (s.Name, random.Pick(s.Values))))
                .Append(("Warranty", digital ? "30-day money-back guarantee" : $"{random.Between(1, 3)} years")));
        Picture(product);
        return product;
    }

    private static void Picture(Product product) =>
        product.AddImage(Id(3, SerialOf(product.Id)), DemoImages.KeyFor(product.Sku), product.Name, DemoImageRenderer.Size, DemoImageRenderer.Size);

    private static int SerialOf(Guid id) => int.Parse(id.ToString()[^12..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Unique(HashSet<string> slugs, string slug, string sku) =>
        slugs.Add(slug) ? slug : slugs.Add($"{slug}-{Slug.From(sku)}") ? $"{slug}-{Slug.From(sku)}" : throw new InvalidOperationException($"Duplicate demo slug {slug}.");

    private static string Feature(Leaf leaf, DemoRandom random)
    {
        var (name, values) = random.Pick(leaf.Specifications);
        return $"{name.ToLowerInvariant()}: {random.Pick(values)}";
    }

    private static string Description(Leaf leaf, string brand, string adjective, string noun, DemoRandom random)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The {brand} {adjective.ToLowerInvariant()} {noun.ToLowerInvariant()} is made for people who use their {leaf.Name.ToLowerInvariant()} every day. ");
        text.Append(random.Pick(["It is **built to last** and easy to live with.", "Designed in small batches and *tested for a year* before release.", "Quiet, sturdy and honest about what it does."]));
        text.Append("\n\n");
        foreach (var (name, values) in random.PickDistinct(leaf.Specifications, Math.Min(3, leaf.Specifications.Length)))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {name}: {random.Pick(values)}\n");
        }

        text.Append("\n");
        text.Append(leaf.Kind == ProductKind.Software
            ? "Your licence key arrives by e-mail and in your account as soon as payment is confirmed."
            : "Ships within two working days. Free returns within 30 days.");
        return text.ToString();
    }

    private static string? ReviewTitle(int rating) => rating switch
    {
        5 => "Exactly what I wanted",
        4 => "Very good",
        3 => "Does the job",
        2 => "Not for me",
        _ => "Disappointed",
    };

    private static string ReviewBody(int rating, string product, DemoRandom random) => rating switch
    {
        >= 5 => random.Pick([$"I use the {product} every day and it has not let me down once.", "Well made, arrived quickly, and better than the photos suggest."]),
        4 => random.Pick(["Very happy overall; one or two small things could be better.", $"Solid choice. The {product} feels sturdy and works as described."]),
        3 => random.Pick(["It works, but I expected a little more for the price.", "Fine for everyday use. Nothing special, nothing wrong."]),
        2 => random.Pick(["The quality is not what I hoped for; I am thinking of returning it.", "Works, but it already shows wear after a few weeks."]),
        _ => random.Pick(["Stopped working after a week. Support was helpful, though.", "Not as described. I sent it back."]),
    };

    private static IEnumerable<(string Sku, string Name, string Description, long PriceMinor, Guid Category, bool IsDigital, int Stock)> HandWritten() =>
    [
        ("HW-KEYB-01", "Mechanical Keyboard K2", "Hot-swappable switches, aluminium frame, USB-C.", 12900, Hardware, false, 40),
        ("HW-MOUS-01", "Ergonomic Mouse M5", "Vertical grip, six buttons, silent clicks.", 5900, Hardware, false, 75),
        ("HW-MONI-27", "27\" 4K Monitor", "IPS panel, 60 Hz, USB-C with 65 W power delivery.", 34900, Hardware, false, 12),
        ("HW-DOCK-01", "Thunderbolt Dock", "Two displays, 2.5 GbE, eleven ports.", 21900, Hardware, false, 0),
        ("SW-NEXP-1Y", "Nexus Pro Licence (1 year)", "Desktop companion app; activates on up to three devices.", 4900, Software, true, 0),
        ("SW-BKUP-LT", "Backup Suite Lifetime", "Encrypted incremental backups; one licence, two devices.", 7900, Software, true, 0),
        ("AC-CABL-2M", "Braided USB-C Cable 2 m", "240 W, USB4 40 Gbps.", 1900, Accessories, false, 300),
        ("AC-STND-01", "Laptop Stand", "Aluminium, height-adjustable, folds flat.", 3900, Accessories, false, 55),
    ];

    private enum ProductKind
    {
        /// <summary>One default variant.</summary>
        Plain,

        /// <summary>Often a Colour option.</summary>
        Coloured,

        /// <summary>Size × Colour.</summary>
        Apparel,

        /// <summary>Digital, with editions.</summary>
        Software,
    }

    private sealed record Leaf(
        int Number,
        Guid Parent,
        string Name,
        string Slug,
        string Code,
        ProductKind Kind,
        int MinPrice,
        int MaxPrice,
        string[] Nouns,
        string[] Adjectives,
        string[] Tags,
        (string Name, string[] Values)[] Specifications);
}

/// <summary>The demo catalog's rows, ready to add to the context.</summary>
internal sealed record DemoCatalogData(
    IReadOnlyList<Category> Categories,
    IReadOnlyList<Product> Products,
    IReadOnlyList<ProductReview> Reviews,
    IReadOnlyList<ProductPurchase> Purchases);
