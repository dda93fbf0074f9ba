using System.Text.Json.Nodes;
using Nexus.Shared.Web;

namespace Nexus.UnitTests.Shared;

/// <summary>PageMeta: absolute URLs only from the public address, JSON-LD that cannot leave its script element.</summary>
internal sealed class PageMetaTests
{
    private static readonly PublicUrl Shop = new(new Uri("https://shop.example/store/"));

    [Test]
    public void The_canonical_url_is_the_pages_path_under_the_public_address()
    {
        new PageMeta().CanonicalUrl(Shop, "/products/red-mug").Should().Be("https://shop.example/store/products/red-mug");
        new PageMeta { CanonicalPath = "/categories/games?p=2" }.CanonicalUrl(Shop, "/categories/games").Should().Be("https://shop.example/store/categories/games?p=2");
    }

    [TestCase("//evil.example/x")]
    [TestCase("https://evil.example/x")]
    [TestCase("/\\evil.example")]
    public void A_canonical_path_that_is_not_a_path_on_this_site_falls_back_to_the_request_path(string path)
    {
        new PageMeta { CanonicalPath = path }.CanonicalUrl(Shop, "/pages/contact").Should().Be("https://shop.example/store/pages/contact");
    }

    [Test]
    public void Preview_images_are_absolute_on_the_public_address_and_foreign_ones_are_dropped()
    {
        new PageMeta { ImagePath = "/media/catalog/abc-l.webp" }.ImageUrl(Shop).Should().Be("https://shop.example/store/media/catalog/abc-l.webp");
        new PageMeta { ImagePath = "https://shop.example/store/media/catalog/abc-l.webp" }.ImageUrl(Shop).Should().Be("https://shop.example/store/media/catalog/abc-l.webp");
        new PageMeta { ImagePath = "https://tracker.example/pixel.gif" }.ImageUrl(Shop).Should().BeNull();
        new PageMeta().ImageUrl(Shop).Should().BeNull();
    }

    [Test]
    public void Json_ld_escapes_everything_that_could_end_its_script_element()
    {
        var product = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["name"] = "Mug </script><script>alert(1)</script> <!-- & 'quoted'",
        };

        var text = PageMeta.SerializeJsonLd(product);

        text.Should().NotContain("<").And.NotContain(">").And.NotContain("&").And.NotContain("'");
        text.Should().Contain("\"@type\":\"Product\"");
        JsonNode.Parse(text)!["name"]!.GetValue<string>().Should().Be("Mug </script><script>alert(1)</script> <!-- & 'quoted'");
    }

    [Test]
    public void A_long_description_is_cut_at_a_word_within_the_limit_and_whitespace_is_folded()
    {
        var meta = new PageMeta { Description = string.Join(' ', Enumerable.Repeat("lovely\n  teapot", 30)) };
        meta.Description!.Length.Should().BeLessThanOrEqualTo(PageMeta.DescriptionLimit);
        meta.Description.Should().EndWith("…").And.NotContain("\n").And.NotContain("  ");
        new PageMeta { Description = " Short  one. " }.Description.Should().Be("Short one.");
    }

    [Test]
    public void The_title_names_the_page_then_the_shop()
    {
        new PageMeta { Title = "Contact" }.FullTitle("Acme").Should().Be("Contact · Acme");
        new PageMeta().FullTitle("Acme").Should().Be("Acme");
    }
}
