using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.IntegrationTests.Identity;
using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.OrderList;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// Issue 16, the back office's order list on a real host (SQLite, the shop in Europe/Berlin): filters, search, sort
/// and pages from the query string; bad filter values answered inline (never a 5xx); the streamed CSV export with
/// formula neutralising; Support reads, customers and visitors are refused; the customer view's numbers; and the
/// list's queries use the indexes of M202612041010 (SQLite's query plans).
/// </summary>
internal sealed partial class OrderListTests
{
    private static readonly AddressSnapshot Address = new("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", null, "GB", null);

    // "USE TEMP B-TREE FOR LAST TERM OF ORDER BY" is fine: only rows with an equal date (or total) are ordered by id.
    private const string FullSort = "USE TEMP B-TREE FOR ORDER BY";

    private NexusHostFactory host = null!;
    private HttpClient admin = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Nexus:SeedDemoData"] = "false",
            ["Modules:Ordering:TimeZone"] = "Europe/Berlin",
        }).WithTestAuthentication();
        admin = host.CreateClientAs("orders-admin", NexusRoles.Admin);
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        admin.Dispose();
        host.Dispose();
    }

    private enum Fate
    {
        Unpaid,
        Paid,
        Processing,
        Refunded,
        CancelledUnpaid,
        NeverPlaced,
    }

    [Test]
    public async Task Filters_narrow_the_list_by_status_payment_contents_and_total()
    {
        var paid = await SeedAsync("flt-paid@example.com", 2000, Fate.Paid);
        var unpaid = await SeedAsync("flt-unpaid@example.com", 500, Fate.Unpaid, digital: true);
        var processing = await SeedAsync("flt-processing@example.com", 10000, Fate.Processing);
        var voided = await SeedAsync("flt-voided@example.com", 3000, Fate.CancelledUnpaid);
        var refunded = await SeedAsync("flt-refunded@example.com", 5000, Fate.Refunded, digital: true);

        (await NumbersAsync("/admin/orders?q=flt-")).Should().BeEquivalentTo([paid, unpaid, processing, voided, refunded]);
        (await NumbersAsync("/admin/orders?q=flt-&status=paid")).Should().Equal(paid);
        (await NumbersAsync("/admin/orders?q=flt-&status=processing")).Should().Equal(processing);
        (await NumbersAsync("/admin/orders?q=flt-&payment=unpaid")).Should().Equal(unpaid);
        (await NumbersAsync("/admin/orders?q=flt-&payment=paid")).Should().BeEquivalentTo([paid, processing]);
        (await NumbersAsync("/admin/orders?q=flt-&payment=refunded")).Should().Equal(refunded);
        (await NumbersAsync("/admin/orders?q=flt-&payment=voided")).Should().Equal(voided);
        (await NumbersAsync("/admin/orders?q=flt-&contents=digital")).Should().BeEquivalentTo([unpaid, refunded]);
        (await NumbersAsync("/admin/orders?q=flt-&contents=physical")).Should().BeEquivalentTo([paid, processing, voided]);
        (await NumbersAsync("/admin/orders?q=flt-&min=20&max=50.00")).Should().BeEquivalentTo([paid, voided, refunded]);
        (await NumbersAsync("/admin/orders?q=flt-&min=20&max=50&contents=digital&payment=refunded")).Should().Equal(refunded);
        (await NumbersAsync("/admin/orders?q=flt-&status=shipped")).Should().BeEmpty();
        (await admin.GetStringAsync("/admin/orders?q=flt-&status=shipped")).Should().Contain("No orders match these filters.");
    }

    [Test]
    public async Task The_date_range_is_the_shops_days_in_its_time_zone()
    {
        // Berlin is UTC+1 in December: 23:30 UTC on 30 November is already 1 December in the shop.
        var lateNovemberUtc = await SeedAsync("date-a@example.com", 1000, Fate.Paid, createdAt: new DateTime(2026, 11, 30, 22, 30, 0, DateTimeKind.Utc));
        var firstDecemberShop = await SeedAsync("date-b@example.com", 1000, Fate.Paid, createdAt: new DateTime(2026, 11, 30, 23, 30, 0, DateTimeKind.Utc));
        var lastSecondDecemberShop = await SeedAsync("date-c@example.com", 1000, Fate.Paid, createdAt: new DateTime(2026, 12, 2, 22, 59, 0, DateTimeKind.Utc));
        var thirdDecemberShop = await SeedAsync("date-d@example.com", 1000, Fate.Paid, createdAt: new DateTime(2026, 12, 2, 23, 0, 0, DateTimeKind.Utc));

        (await NumbersAsync("/admin/orders?q=date-&from=2026-12-01&to=2026-12-01")).Should().Equal(firstDecemberShop);
        (await NumbersAsync("/admin/orders?q=date-&from=2026-12-01&to=2026-12-02")).Should().BeEquivalentTo([firstDecemberShop, lastSecondDecemberShop]);
        (await NumbersAsync("/admin/orders?q=date-&to=2026-11-30")).Should().Equal(lateNovemberUtc);
        (await NumbersAsync("/admin/orders?q=date-&from=2026-12-03")).Should().Equal(thirdDecemberShop);
        (await admin.GetStringAsync("/admin/orders?q=date-b")).Should().Contain("1 Dec 2026 00:30", "times are shown in the shop's zone");
    }

    [Test]
    public async Task Search_finds_an_order_by_number_or_the_start_of_an_email_address_in_any_case()
    {
        var ada = await SeedAsync("search-ada@example.com", 1000, Fate.Paid);
        var adam = await SeedAsync("search-adam@example.org", 1000, Fate.Unpaid);
        var bob = await SeedAsync("search-bob@example.com", 1000, Fate.Paid);

        (await NumbersAsync("/admin/orders?q=" + ada)).Should().Equal(ada);
        (await NumbersAsync("/admin/orders?q=" + ada.ToLowerInvariant())).Should().Equal(ada);
        (await NumbersAsync("/admin/orders?q=" + Uri.EscapeDataString(" " + bob[..^2]))).Should().Contain(bob);
        (await NumbersAsync("/admin/orders?q=search-ada")).Should().BeEquivalentTo([ada, adam]);
        (await NumbersAsync("/admin/orders?q=SEARCH-ADA%40EXAMPLE.COM")).Should().Equal(ada);
        (await NumbersAsync("/admin/orders?q=search-b")).Should().Equal(bob);
        (await NumbersAsync("/admin/orders?q=nobody-here")).Should().BeEmpty();
    }

    [Test]
    public async Task Sorting_by_total_number_status_and_date_in_both_directions()
    {
        var cheap = await SeedAsync("sort-1@example.com", 100, Fate.Processing, createdAt: DateTime.UtcNow.AddMinutes(-3));
        var dear = await SeedAsync("sort-2@example.com", 900, Fate.Unpaid, createdAt: DateTime.UtcNow.AddMinutes(-2));
        var middle = await SeedAsync("sort-3@example.com", 500, Fate.Paid, createdAt: DateTime.UtcNow.AddMinutes(-1));

        (await NumbersAsync("/admin/orders?q=sort-")).Should().Equal(middle, dear, cheap);
        (await NumbersAsync("/admin/orders?q=sort-&dir=asc")).Should().Equal(cheap, dear, middle);
        (await NumbersAsync("/admin/orders?q=sort-&sort=total")).Should().Equal(dear, middle, cheap);
        (await NumbersAsync("/admin/orders?q=sort-&sort=total&dir=asc")).Should().Equal(cheap, middle, dear);
        (await NumbersAsync("/admin/orders?q=sort-&sort=status&dir=asc")).Should().Equal(new[] { dear, middle, cheap }, "Pending, Paid, Processing");
        (await NumbersAsync("/admin/orders?q=sort-&sort=number&dir=asc")).Should().BeInAscendingOrder(StringComparer.Ordinal);
        (await NumbersAsync("/admin/orders?q=sort-&sort=number")).Should().BeInDescendingOrder(StringComparer.Ordinal);

        var page = await admin.GetStringAsync("/admin/orders?q=sort-&sort=total");
        page.Should().Contain("href=\"/admin/orders?q=sort-&amp;sort=total&amp;dir=asc\"", "the sorted column's header flips the direction, keeping the filters");
    }

    [Test]
    public async Task Pages_of_fifty_with_a_link_to_the_next_that_keeps_the_filters()
    {
        var numbers = new List<string>();
        for (var i = 0; i < 55; i++)
        {
            numbers.Add(await SeedAsync($"page-{i:D2}@example.com", 1000 + i, Fate.Paid, createdAt: DateTime.UtcNow.AddMinutes(-i)));
        }

        var first = await admin.GetStringAsync("/admin/orders?q=page-&status=paid");
        NumbersIn(first).Should().Equal(numbers.Take(50));
        first.Should().Contain("href=\"/admin/orders?status=paid&amp;q=page-&amp;page=2\"");
        var second = await admin.GetStringAsync("/admin/orders?status=paid&q=page-&page=2");
        NumbersIn(second).Should().Equal(numbers.Skip(50));
        second.Should().NotContain("data-testid=\"next-page\"").And.Contain("rel=\"prev\"");
    }

    [TestCase("from=2026-12-05&to=2026-12-01", "The end date is before the start date.")]
    [TestCase("from=2026-13-45", "Enter a date as YYYY-MM-DD")]
    [TestCase("to=yesterday", "Enter a date as YYYY-MM-DD")]
    [TestCase("status=lost-in-the-post", "Choose a status from the list.")]
    [TestCase("payment=free", "Choose a payment state from the list.")]
    [TestCase("contents=both", "Choose digital or physical.")]
    [TestCase("min=abc", "Enter an amount such as 25 or 25.50.")]
    [TestCase("min=-5", "Enter an amount such as 25 or 25.50.")]
    [TestCase("min=1.005", "Use at most two decimals")]
    [TestCase("min=50&max=10", "The highest total is below the lowest.")]
    [TestCase("max=99999999999999999999999999999", "Enter an amount such as 25 or 25.50.")]
    [TestCase("sort=colour", "Sort by date, total, number or status.")]
    [TestCase("dir=sideways", "Sort ascending or descending.")]
    [TestCase("page=0", "Pages go from 1 to 200")]
    [TestCase("page=201", "Pages go from 1 to 200")]
    [TestCase("page=1e3", "Pages go from 1 to 200")]
    [TestCase("customer=%3Cscript%3E", "A customer id is letters, digits and dashes")]
    [TestCase("q=%00nul", "Search for an order number")]
    public async Task A_bad_filter_value_gets_an_inline_message_and_no_list(string query, string message)
    {
        using var response = await admin.GetAsync("/admin/orders?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"filter-errors\"").And.Contain(System.Net.WebUtility.HtmlEncode(message));
        html.Should().NotContain("data-testid=\"order-list\"");
        using var export = await admin.GetAsync("/admin/orders/export?" + query);
        export.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the export refuses what the list refuses, as ProblemDetails");
        export.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Test]
    public async Task Hostile_query_strings_never_make_a_server_error()
    {
        string[] queries =
        [
            "q=" + new string('x', 20_000), "q=NX-" + new string('Z', 5_000), "q=%F0%9F%92%A9", "q=%EF%BF%BF", "q=NX-%EF%BF%BF", "status=paid&status=pending",
            "numbers=NX-00000000&numbers=' OR 1=1 --", "from=0001-01-01", "to=9999-12-31", "min=0.00&max=0", "customer=" + new string('a', 65), "q=%27%3B DROP TABLE orders; --",
        ];
        foreach (var query in queries)
        {
            using var list = await admin.GetAsync("/admin/orders?" + query);
            ((int)list.StatusCode).Should().BeLessThan(500, query);
            using var export = await admin.GetAsync("/admin/orders/export?" + query);
            ((int)export.StatusCode).Should().BeLessThan(500, query);
        }
    }

    [Test]
    public async Task The_export_streams_the_filtered_orders_as_csv_with_formulas_neutralised()
    {
        var plain = await SeedAsync("csv-plain@example.com", 1234, Fate.Paid, coupon: "SPRING20");
        var hostile = await SeedAsync("csv-=hyperlink(\"http://evil\")@example.com", 999, Fate.Paid, coupon: "+SUM(A1:A9)", digital: true);
        await SeedAsync("csv-unpaid@example.com", 500, Fate.Unpaid);

        using var response = await admin.GetAsync("/admin/orders/export?q=csv-&payment=paid&sort=total&dir=asc", HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().MatchRegex("^\"?orders-[0-9]{8}-[0-9]{4}\\.csv\"?$");
        response.Content.Headers.ContentLength.Should().BeNull("rows are written as they are read; the length is not known up front");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF }, "a byte-order mark makes spreadsheets read UTF-8");
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be(string.Join(',', ExportOrdersHandler.Columns));
        lines.Should().HaveCount(3, "the header and the two paid orders");
        lines[1].Should().StartWith(hostile + ",").And.Contain(",Paid,Paid,digital,").And.Contain(",9.99,").And.Contain(",'+SUM(A1:A9)");
        lines[1].Should().Contain("\"csv-=hyperlink(\"\"http://evil\"\")@example.com\"", "a quote is doubled inside a quoted field");
        lines[2].Should().StartWith(plain + ",").And.Contain(",physical,csv-plain@example.com,").And.Contain(",12.34,USD,standard,SPRING20");
    }

    [Test]
    public async Task A_field_that_starts_like_a_formula_is_made_text()
    {
        var hostile = await SeedAsync("=cmd|' /c calc'!a0@example.com", 100, Fate.Paid);

        var csv = await admin.GetStringAsync("/admin/orders/export?q=" + hostile);

        csv.Split("\r\n")[1].Should().Contain(",'=cmd|' /c calc'!a0@example.com,");
    }

    [Test]
    public async Task The_selected_orders_are_exported_by_a_post_from_the_list()
    {
        var first = await SeedAsync("sel-1@example.com", 100, Fate.Paid);
        var second = await SeedAsync("sel-2@example.com", 200, Fate.Paid);
        await SeedAsync("sel-3@example.com", 300, Fate.Paid);
        var page = await admin.GetStringAsync("/admin/orders?q=sel-");
        page.Should().Contain("action=\"/admin/orders/bulk/processing\"").And.Contain("formaction=\"/admin/orders/export\"").And.Contain($"name=\"numbers\" value=\"{first}\"");
        var token = FormPoster.TokenOf(page);
        token.Should().NotBeEmpty("the selection form carries an antiforgery token");

        using var content = new FormUrlEncodedContent([new("numbers", first), new("numbers", second), new("__RequestVerificationToken", token)]);
        using var response = await admin.PostAsync("/admin/orders/export", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l[..11]);
        rows.Should().BeEquivalentTo([first, second]);

        using var withoutToken = new FormUrlEncodedContent([new("numbers", first)]);
        using var forged = await admin.PostAsync("/admin/orders/export", withoutToken);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a post without the antiforgery token is refused");
        using var nothing = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var empty = await admin.PostAsync("/admin/orders/export", nothing);
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest, "nothing was selected");
    }

    [Test]
    public async Task Support_reads_the_list_the_export_and_a_customer_while_customers_and_visitors_are_refused()
    {
        var customer = await IdentityTestUsers.CreateAsync(host, "acl-customer@example.com", NexusRoles.Customer);
        await SeedAsync("acl-customer@example.com", 100, Fate.Paid, customerId: customer.Id);
        string[] paths = ["/admin/orders", "/admin/orders?q=acl-", "/admin/orders/export?q=acl-", "/admin/orders/customers/" + customer.Id];
        using var support = host.CreateClientAs("orders-support", NexusRoles.Support);
        using var shopper = host.CreateClientAs(customer.Id, NexusRoles.Customer);
        using var visitor = host.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in paths)
        {
            (await support.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
            using var asCustomer = await shopper.GetAsync(path);
            asCustomer.StatusCode.Should().BeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.Redirect], path);
            if (asCustomer.StatusCode == HttpStatusCode.Redirect)
            {
                asCustomer.Headers.Location!.ToString().Should().Contain("/status/403");
            }

            using var asVisitor = await visitor.GetAsync(path);
            asVisitor.StatusCode.Should().BeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Redirect], path);
            if (asVisitor.StatusCode == HttpStatusCode.Redirect)
            {
                asVisitor.Headers.Location!.ToString().Should().Contain("/account/login");
            }
        }

        (await admin.GetStringAsync("/admin")).Should().Contain("href=\"/admin/orders\"", "the back office lists the Orders section");
    }

    [Test]
    public async Task The_customer_view_shows_the_account_addresses_orders_and_lifetime_value_and_links_both_ways()
    {
        var customer = await IdentityTestUsers.CreateAsync(host, "ltv-ada@example.com", NexusRoles.Customer);
        await SendAsync(new AddToAddressBook(customer.Id, new PostalAddress("Ada Lovelace", "12 St James's Square", null, "London", "SW1Y 4JH", null, "GB", null)));
        var paid = await SeedAsync("ltv-ada@example.com", 4000, Fate.Paid, customerId: customer.Id, createdAt: DateTime.UtcNow.AddDays(-3));
        var refunded = await SeedAsync("ltv-ada@example.com", 2500, Fate.Refunded, customerId: customer.Id, createdAt: DateTime.UtcNow.AddDays(-2));
        var processing = await SeedAsync("ltv-ada@example.com", 1250, Fate.Processing, customerId: customer.Id, createdAt: DateTime.UtcNow.AddDays(-1));
        var unpaid = await SeedAsync("ltv-ada@example.com", 1000, Fate.Unpaid, customerId: customer.Id);
        await SeedAsync("ltv-ada@example.com", 1500, Fate.CancelledUnpaid, customerId: customer.Id, createdAt: DateTime.UtcNow.AddHours(-1));
        await SeedAsync("ltv-ada@example.com", 9900, Fate.NeverPlaced, customerId: customer.Id);
        await SeedAsync("ltv-other@example.com", 7000, Fate.Paid, customerId: "someone-else");

        var history = await SendAsync(new Nexus.Modules.Ordering.Contracts.Orders.GetCustomerOrderHistory(customer.Id, 3));
        history.OrderCount.Should().Be(5, "an order whose placing never finished is left out");
        history.PaidOrderCount.Should().Be(3);
        history.LifetimeValueMinor.Should().Be(4000 + 1250, "paid 40.00 + 25.00 + 12.50, less the 25.00 refunded");
        history.Currency.Should().Be("USD");
        history.Recent.Select(o => o.OrderNumber).Should().HaveCount(3).And.StartWith(unpaid);
        history.Recent.Select(o => o.OrderNumber).Should().NotContain([paid, refunded]);

        var list = await admin.GetStringAsync("/admin/orders?q=ltv-ada");
        list.Should().Contain($"href=\"/admin/orders/customers/{customer.Id}\"", "each order of a customer links to them");
        var page = await admin.GetStringAsync("/admin/orders/customers/" + customer.Id);
        page.Should().Contain("ltv-ada@example.com").And.Contain("12 St James&#x27;s Square").And.Contain("$52.50");
        page.Should().Contain("data-testid=\"order-count\">5<").And.Contain("data-testid=\"paid-order-count\">3<");
        page.Should().Contain($"href=\"/admin/orders/{processing}\"").And.Contain($"href=\"/admin/orders?customer={customer.Id}\"");
        var theirs = await NumbersAsync($"/admin/orders?customer={customer.Id}");
        theirs.Should().HaveCount(6, "the back office also sees the order whose placing never finished").And.NotContain(n => n.Length != 11);
        (await admin.GetAsync("/admin/orders/customers/nobody-at-all")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_lists_queries_are_served_by_indexes_on_sqlite()
    {
        var plans = new Dictionary<string, string>
        {
            ["newest first"] = await PlanAsync(new OrderListFilter()),
            ["by status"] = await PlanAsync(new OrderListFilter { Status = OrderStatus.Paid }),
            ["date range"] = await PlanAsync(new OrderListFilter { PlacedFromUtc = DateTime.UtcNow.AddDays(-7), PlacedBeforeUtc = DateTime.UtcNow }),
            ["e-mail search"] = await PlanAsync(new OrderListFilter { EmailPrefix = "ada@" }),
            ["number search"] = await PlanAsync(new OrderListFilter { NumberPrefix = "NX-ABC" }),
            ["by total"] = await PlanAsync(new OrderListFilter { Sort = OrderListSort.Total }),
            ["a customer"] = await PlanAsync(new OrderListFilter { CustomerId = "c-1" }),
        };
        TestContext.Out.WriteLine(string.Join("\n", plans.Select(p => $"{p.Key}:\n{p.Value}")));

        plans["newest first"].Should().Contain("USING INDEX IX_ordering_orders_CreatedAt").And.NotContain(FullSort);
        plans["by status"].Should().Contain("USING INDEX IX_ordering_orders_Status_CreatedAt (Status=?)").And.NotContain(FullSort);
        plans["date range"].Should().Contain("USING INDEX IX_ordering_orders_CreatedAt (CreatedAt>? AND CreatedAt<?)");
        plans["e-mail search"].Should().Contain("USING INDEX IX_ordering_orders_Email_CreatedAt (Email>? AND Email<?)");
        plans["number search"].Should().Contain("USING INDEX IX_ordering_orders_Number (Number>? AND Number<?)");
        plans["by total"].Should().Contain("USING INDEX IX_ordering_orders_TotalMinor").And.NotContain(FullSort);
        plans["a customer"].Should().Contain("USING INDEX IX_ordering_orders_CustomerId_CreatedAt (CustomerId=?)").And.NotContain(FullSort);
        plans.Values.Should().OnlyContain(p => !Regex.IsMatch(p, @"SCAN o\b(?! USING)"), "no filter reads the whole table");
    }

    private async Task<string> PlanAsync(OrderListFilter filter)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        await using var command = db.Orders.AsNoTracking().Filtered(filter).Sorted(filter).Skip(0).Take(51)
            .Select(o => new { o.Number, Items = o.Lines.Sum(l => l.Quantity) }).CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await command.Connection!.OpenAsync();
        try
        {
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(3));
            }

            return string.Join("\n", lines);
        }
        finally
        {
            await command.Connection.CloseAsync();
        }
    }

    private async Task<List<string>> NumbersAsync(string path)
    {
        using var response = await admin.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("data-testid=\"filter-errors\"", path);
        return NumbersIn(html);
    }

    private static List<string> NumbersIn(string html) => [.. RowNumber().Matches(html).Select(m => m.Groups[1].Value)];

    private async Task<T> SendAsync<T>(MediatR.IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(request);
    }

    /// <summary>An order straight into the database, moved to <paramref name="fate"/> by the domain's own methods.</summary>
    private async Task<string> SeedAsync(string email, long totalMinor, Fate fate, bool digital = false, DateTime? createdAt = null, string? coupon = null, string? customerId = null)
    {
        var at = createdAt ?? DateTime.UtcNow;
        var line = new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "SKU-1", "Lamp", "One size", 2, totalMinor / 2, totalMinor, digital);
        var draft = new OrderDraft(
            Guid.NewGuid().ToString("N"), Guid.NewGuid(), customerId, email, "USD", [line], totalMinor, 0, 0, 0, totalMinor, coupon,
            digital ? null : "standard", digital ? null : Address, Address);
        var order = Order.Create(draft, at);
        if (fate != Fate.NeverPlaced)
        {
            order.CompletePlacement(at);
        }

        if (fate is Fate.Paid or Fate.Processing or Fate.Refunded)
        {
            order.MarkPaid(Guid.NewGuid(), at).Should().Be(PaymentApplication.Applied);
        }

        if (fate == Fate.Processing)
        {
            order.MoveTo(OrderStatus.Processing, "Packing", at);
        }

        if (fate == Fate.Refunded)
        {
            order.MoveTo(OrderStatus.Refunded, "Returned", at);
        }

        if (fate == Fate.CancelledUnpaid)
        {
            order.CancelUnpaid("Left unpaid", at).Should().BeTrue();
        }

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Number;
    }

    [GeneratedRegex(@"data-testid=""order-row"" data-number=""(NX-[0-9A-Z]{8})""")]
    private static partial Regex RowNumber();
}
