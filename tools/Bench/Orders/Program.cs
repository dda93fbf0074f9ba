using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Testing.Hosting;

// Bench-Orders: see Orders.csproj. Arguments (optional): [warm-up seconds = 60] [measured requests per kind = 200] [orders = 100000]
var warmUpSeconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var orderCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
const int PageSize = 50; // the list's page (Pages/Admin/Orders/Index.cshtml.cs)
const int Customers = 5_000;
const string Admin = "bench-admin;Admin";

using var host = new NexusHostFactory(new Dictionary<string, string?>
{
    ["Nexus:SeedDemoData"] = "false",
    ["Modules:Ordering:TimeZone"] = "Europe/Berlin",
}).WithTestAuthentication();
var baseUrl = host.StartKestrel();

var seedClock = Stopwatch.StartNew();
var (numbers, firstDay, connectionString) = await SeedAsync(host, orderCount);
Console.WriteLine(Invariant($"seed: {orderCount} orders (a line and a timeline entry each) in {seedClock.Elapsed.TotalSeconds:F1} s over 180 days, {Customers} customers; load {File.ReadAllText("/proc/loadavg").Trim()}"));

using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
var random = new Random(16);
var statuses = new[] { "paid", "processing", "shipped", "delivered", "cancelled", "pending" };

string ListPath() => "/admin/orders";

// Half status filters, half a week's date range (the shop's days) somewhere in the seeded half year.
string FilterPath()
{
    if (random.Next(2) == 0)
    {
        return "/admin/orders?status=" + statuses[random.Next(statuses.Length)];
    }

    var from = firstDay.AddDays(random.Next(170));
    return Invariant($"/admin/orders?from={from:yyyy-MM-dd}&to={from.AddDays(6):yyyy-MM-dd}");
}

string SearchPath() => Invariant($"/admin/orders?q=customer{random.Next(Customers)}%40example.com");

// The admin's order page (/admin/orders/{number}) is built on another branch: until it is merged, the detail measured
// is the owning customer's order page, the same order read whole (lines, timeline, payment) through the same host.
(string Path, string User) DetailRequest()
{
    // The back office's order detail, as the admin who works the list opens it.
    var index = random.Next(numbers.Count);
    return ("/admin/orders/" + numbers[index], Admin);
}

// Warm-up: every kind in turn until the JIT has settled on the hot paths.
var warmUpUntil = Stopwatch.GetTimestamp() + (long)(warmUpSeconds * Stopwatch.Frequency);
var warmUps = 0;
do
{
    await GetAsync(ListPath(), Admin);
    await GetAsync(FilterPath(), Admin);
    await GetAsync(SearchPath(), Admin);
    var (path, user) = DetailRequest();
    await GetAsync(path, user);
    warmUps += 4;
}
while (Stopwatch.GetTimestamp() < warmUpUntil);

Console.WriteLine(Invariant($"warm-up: {warmUpSeconds} s, {warmUps} requests; load {File.ReadAllText("/proc/loadavg").Trim()}"));
var list = new List<double>();
var filter = new List<double>();
var search = new List<double>();
var detail = new List<double>();
var reference = new List<double>();
await using var bare = new SqliteConnection(connectionString);
await bare.OpenAsync();
for (var i = 0; i < samples; i++)
{
    list.Add(await GetAsync(ListPath(), Admin));
    filter.Add(await GetAsync(FilterPath(), Admin));
    search.Add(await GetAsync(SearchPath(), Admin));
    var (path, user) = DetailRequest();
    detail.Add(await GetAsync(path, user));
    reference.Add(await BarePageAsync(bare));
}

var loadAfter = File.ReadAllText("/proc/loadavg").Trim();
Console.WriteLine(Invariant($"orders: {samples} requests per kind, one at a time; p50 list {P(list, 0.5):F1} filter {P(filter, 0.5):F1} search {P(search, 0.5):F1} detail {P(detail, 0.5):F1} ms (detail: /admin/orders/{{number}} as the admin)"));
Console.WriteLine(Invariant($"reference: the newest {PageSize} orders by a bare indexed SELECT (Microsoft.Data.Sqlite, same file, same columns) p50 {P(reference, 0.5):F2} ms p95 {P(reference, 0.95):F2} ms"));
Console.WriteLine(Invariant($"load after: {loadAfter}"));
Console.WriteLine(Invariant($"BENCH orders list_p95_ms={P(list, 0.95):F1} filter_p95_ms={P(filter, 0.95):F1} search_p95_ms={P(search, 0.95):F1} detail_p95_ms={P(detail, 0.95):F1} reference_p95_ms={P(reference, 0.95):F2} orders={orderCount}"));
return 0;

async Task<double> GetAsync(string path, string user)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Add(TestAuthenticationHandler.Header, user);
    var started = Stopwatch.GetTimestamp();
    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadAsStringAsync();
    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (response.StatusCode != HttpStatusCode.OK || body.Contains("data-testid=\"filter-errors\"", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"GET {path} as {user}: {(int)response.StatusCode}");
    }

    return ms;
}

// What the list's first page needs, read the plainest way there is: one indexed SELECT, rows read into objects.
static async Task<double> BarePageAsync(SqliteConnection connection)
{
    var started = Stopwatch.GetTimestamp();
    await using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT o."Number", o."CreatedAt", o."CustomerId", o."Email", o."Status", o."PaidAt", o."ShippingMethod",
               (SELECT SUM(l."Quantity") FROM "ordering_order_lines" AS l WHERE l."OrderId" = o."Id"), o."TotalMinor", o."Currency"
        FROM "ordering_orders" AS o ORDER BY o."CreatedAt" DESC LIMIT $take
        """;
    command.Parameters.AddWithValue("$take", PageSize + 1);
    var rows = new List<object[]>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        var row = new object[reader.FieldCount];
        reader.GetValues(row);
        rows.Add(row);
    }

    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

// Orders made by the domain (Order.Create and its moves) and written in batches through the module's own context with
// change tracking's detection off: real rows in the real schema, about 100,000 in well under a minute.
static async Task<(List<string> Numbers, DateOnly FirstDay, string ConnectionString)> SeedAsync(NexusHostFactory host, int count)
{
    var random = new Random(42);
    var numbers = new List<string>(count);
    var start = DateTime.UtcNow.AddDays(-180);
    var address = new AddressSnapshot("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", null, "GB", null);
    string connectionString;
    await using (var scope = host.Services.CreateAsyncScope())
    {
        connectionString = scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Database.GetConnectionString()!;
    }

    const int Batch = 5_000;
    for (var offset = 0; offset < count; offset += Batch)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = offset; i < Math.Min(count, offset + Batch); i++)
        {
            var at = start.AddSeconds(i * (180.0 * 86_400 / count));
            var digital = random.Next(5) == 0;
            var quantity = random.Next(1, 4);
            var unit = random.Next(500, 20_000);
            var total = unit * quantity;
            var customer = i % Customers;
            var line = new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "SKU-" + random.Next(200), "Product", "One size", quantity, unit, total, digital);
            var draft = new OrderDraft(
                Guid.NewGuid().ToString("N"), Guid.NewGuid(), Invariant($"bench-customer-{customer}"), Invariant($"customer{customer}@example.com"), "USD", [line],
                total, 0, 0, 0, total, null, digital ? null : "standard", digital ? null : address, address);
            var order = Order.Create(draft, at);
            order.CompletePlacement(at);
            var fate = random.Next(10);
            if (fate == 0)
            {
                order.CancelUnpaid("Left unpaid", at);
            }
            else if (fate > 1)
            {
                order.MarkPaid(Guid.NewGuid(), at);
                if (fate > 4)
                {
                    order.MoveTo(OrderStatus.Processing, null, at);
                }

                if (fate > 6 && !digital)
                {
                    order.MoveTo(OrderStatus.Shipped, null, at);
                }

                if (fate > 8 && !digital)
                {
                    order.MoveTo(OrderStatus.Delivered, null, at);
                }
            }

            numbers.Add(order.Number);
            db.Orders.Add(order);
        }

        await db.SaveChangesAsync();
    }

    await using (var connection = new SqliteConnection(connectionString))
    {
        await connection.OpenAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    return (numbers, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, zone)), connectionString);
}

static double P(List<double> values, double percentile)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile * sorted.Count) - 1)];
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
