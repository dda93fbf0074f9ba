using System.Net;
using AngleSharp.Html.Parser;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Customers.Contracts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Customers;

/// <summary>
/// Customers' public face for checkout (<see cref="GetAddressBook"/>, <see cref="AddToAddressBook"/>,
/// <see cref="CheckPostalAddress"/>) against the real host and database: one set of rules with the account's
/// address form, no repeated entries, the first address the default.
/// </summary>
internal sealed class AddressBookContractTests
{
    private static readonly PostalAddress Home = new("Ada Lovelace", "12 St James's Square", null, "London", "sw1y 4jh", null, "GB", "+44 20 7946 0001");

    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory().WithTestAuthentication();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task An_unknown_customer_has_an_empty_book()
    {
        (await SendAsync(new GetAddressBook("nobody-at-all"))).Should().BeEmpty();
    }

    [Test]
    public async Task The_first_address_from_checkout_becomes_the_default_and_an_exact_copy_is_not_saved_twice()
    {
        var first = await SendAsync(new AddToAddressBook("book-1", Home));
        var again = await SendAsync(new AddToAddressBook("book-1", Home with { FullName = "  Ada Lovelace ", PostalCode = "SW1Y 4JH", Line2 = " " }));
        var work = await SendAsync(new AddToAddressBook("book-1", Home with { Line1 = "1 Analytical Row", Phone = null }));

        again.Should().Be(first, "the same address after the form's clean-up (trim, blank as none, postal code in capitals) is the same entry");
        work.Should().NotBe(first);
        var book = await SendAsync(new GetAddressBook("book-1"));
        book.Select(e => e.AddressId).Should().Equal(first, work);
        book[0].IsDefaultShipping.Should().BeTrue();
        book[0].IsDefaultBilling.Should().BeTrue();
        book[0].Address.Should().Be(Home with { PostalCode = "SW1Y 4JH" });
        book[1].IsDefaultShipping.Should().BeFalse("a later address from checkout does not move the customer's chosen default");
        book[1].Address.Phone.Should().BeNull();
    }

    [Test]
    public async Task The_book_lists_the_default_shipping_address_first_whatever_order_they_were_saved_in()
    {
        await SendAsync(new AddToAddressBook("book-2", Home));
        var second = await SendAsync(new AddToAddressBook("book-2", Home with { Line1 = "2 Second Street" }));
        using var client = host.CreateClientAs("book-2", NexusRoles.Customer);
        (await client.PostFormAsync($"/account/addresses/{second}", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Ada Lovelace", ["Input.Line1"] = "2 Second Street", ["Input.City"] = "London",
            ["Input.PostalCode"] = "SW1Y 4JH", ["Input.CountryCode"] = "GB", ["Input.IsDefaultShipping"] = "true",
        })).StatusCode.Should().Be(HttpStatusCode.Redirect, "the account's form makes it the default");

        var book = await SendAsync(new GetAddressBook("book-2"));
        book[0].AddressId.Should().Be(second);
        book[0].IsDefaultShipping.Should().BeTrue();
        book.Count(e => e.IsDefaultShipping).Should().Be(1);
        (await SendAsync(new GetAddressBook("book-1-other"))).Should().BeEmpty("books are per customer");
    }

    [Test]
    public async Task A_bad_address_from_checkout_is_refused_with_the_forms_messages_and_nothing_is_saved()
    {
        var act = () => SendAsync(new AddToAddressBook("book-3", Home with { Line1 = "", PostalCode = "!!" }));

        var refused = await act.Should().ThrowAsync<RequestValidationException>();
        refused.Which.Errors.Should().ContainKey("Line1").WhoseValue.Should().Equal("Enter the street and number.");
        refused.Which.Errors.Should().ContainKey("PostalCode").WhoseValue.Should().Equal("Enter a postal code of 2 to 10 letters, digits, spaces or dashes.");
        (await SendAsync(new GetAddressBook("book-3"))).Should().BeEmpty();
    }

    [Test]
    public async Task Checking_an_address_gives_exactly_the_messages_the_accounts_address_form_shows()
    {
        var typed = Home with { FullName = "", Line1 = "", PostalCode = "!!", CountryCode = "gb", Phone = "12" };

        var problems = await SendAsync(new CheckPostalAddress(typed));

        using var client = host.CreateClientAs("book-4", NexusRoles.Customer);
        var response = await client.PostFormAsync("/account/addresses", new Dictionary<string, string>
        {
            ["Input.FullName"] = typed.FullName, ["Input.Line1"] = typed.Line1, ["Input.City"] = typed.City,
            ["Input.PostalCode"] = typed.PostalCode, ["Input.CountryCode"] = typed.CountryCode, ["Input.Phone"] = typed.Phone!,
        });
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var formMessages = document.QuerySelectorAll("span.field-validation-error[data-valmsg-for]")
            .Select(s => new AddressProblem(s.GetAttribute("data-valmsg-for")!["Input.".Length..], s.TextContent.Trim()))
            .ToList();
        problems.Select(p => p.Field).Should().BeEquivalentTo(["FullName", "Line1", "PostalCode", "CountryCode", "Phone"]);
        problems.Should().BeEquivalentTo(formMessages, "one set of rules for the account's form and checkout");
    }

    [Test]
    public async Task A_good_address_has_no_problems_and_checking_saves_nothing()
    {
        (await SendAsync(new CheckPostalAddress(Home))).Should().BeEmpty();
        (await SendAsync(new CheckPostalAddress(Home with { Line2 = null, Region = null, Phone = null }))).Should().BeEmpty();
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
