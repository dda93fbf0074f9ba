using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Customers;

/// <summary>
/// The address form gets the command's rules twice: as data-val-* attributes for the browser (FluentValidation's
/// client-side adapters reading the form model's validator) and, authoritatively, from the MediatR validation
/// behaviour on the server, whose failures show next to their fields.
/// </summary>
internal sealed class AddressFormValidationTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory().WithTestAuthentication();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task The_form_carries_the_validators_rules_as_data_val_attributes_and_loads_the_vendored_script()
    {
        using var client = host.CreateClientAs("form-reader-1", NexusRoles.Customer);
        var document = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/account/addresses"));
        var form = document.QuerySelector("[data-testid=address-form]")!;

        var fullName = form.QuerySelector("input[name='Input.FullName']")!;
        fullName.Id.Should().Be("Input_FullName");
        fullName.GetAttribute("data-val").Should().Be("true");
        fullName.GetAttribute("data-val-required").Should().Be("Enter the recipient's name.");
        fullName.GetAttribute("data-val-maxlength-max").Should().Be("100");
        form.QuerySelector("input[name='Input.Line1']")!.GetAttribute("data-val-required").Should().Be("Enter the street and number.");
        form.QuerySelector("input[name='Input.City']")!.GetAttribute("data-val-required").Should().Be("Enter the town or city.");
        form.QuerySelector("input[name='Input.PostalCode']")!.GetAttribute("data-val-required").Should().Be("Enter the postal code.");
        form.QuerySelector("input[name='Input.Line2']")!.GetAttribute("data-val-required").Should().BeNull("line 2 is optional");
        form.QuerySelector("[data-valmsg-for='Input.FullName']").Should().NotBeNull("the message span the browser fills");

        var scripts = document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        scripts.Should().Contain(s => s.StartsWith("/lib/aspnet-client-validation/aspnet-validation.min.js?v=", StringComparison.Ordinal));
        scripts.Should().Contain(s => s.StartsWith("/js/validation.js?v=", StringComparison.Ordinal));
        document.QuerySelectorAll("script:not([src])").Should().BeEmpty("the CSP allows no inline script without its nonce");
        (await client.GetAsync(scripts.First(s => s.Contains("aspnet-validation", StringComparison.Ordinal)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_profile_form_carries_the_profile_rules_too()
    {
        using var client = host.CreateClientAs("form-reader-2", NexusRoles.Customer);
        var document = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/account/profile"));
        var name = document.QuerySelector("input[name='Input.DisplayName']")!;
        name.GetAttribute("data-val-maxlength").Should().Be("Use at most 100 characters.");
        name.GetAttribute("data-val-maxlength-max").Should().Be("100");
        document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")).Should().Contain(s => s!.StartsWith("/js/validation.js", StringComparison.Ordinal));
    }

    [Test]
    public async Task Pages_without_forms_do_not_load_the_validation_script()
    {
        using var client = host.CreateClient();
        (await client.GetStringAsync("/")).Should().NotContain("aspnet-validation");
    }

    [Test]
    public async Task A_post_the_server_rejects_shows_each_message_next_to_its_field_and_keeps_what_was_typed()
    {
        using var client = host.CreateClientAs("form-poster-1", NexusRoles.Customer);
        var response = await client.PostFormAsync("/account/addresses", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Pat Post",
            ["Input.Line1"] = "",
            ["Input.City"] = "London",
            ["Input.PostalCode"] = "!!",
            ["Input.CountryCode"] = "GB",
            ["Input.Phone"] = "12",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the page shows the form again rather than redirecting");
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        Message(document, "Input.Line1").Should().Be("Enter the street and number.");
        Message(document, "Input.PostalCode").Should().Be("Enter a postal code of 2 to 10 letters, digits, spaces or dashes.");
        Message(document, "Input.Phone").Should().Be("Enter a phone number of 6 to 20 digits, optionally starting with +.");
        Message(document, "Input.FullName").Should().BeEmpty();
        document.QuerySelector("span[data-valmsg-for='Input.PostalCode']")!.ClassList.Should().Contain("field-validation-error");
        ((IHtmlInputElement)document.QuerySelector("input[name='Input.FullName']")!).Value.Should().Be("Pat Post");
        ((IHtmlInputElement)document.QuerySelector("input[name='Input.PostalCode']")!).ClassList.Should().Contain("input-validation-error");
        document.QuerySelectorAll("[data-testid=address]").Should().BeEmpty("nothing was saved");
    }

    private static string Message(AngleSharp.Dom.IDocument document, string field) =>
        document.QuerySelector($"span[data-valmsg-for='{field}']")!.TextContent.Trim();
}
