using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Payments.Data;
using Nexus.Modules.Payments.Domain;
using Nexus.Testing.Hosting;

// Bench-Checkout: see Checkout.csproj. Arguments (optional): [warm-up seconds = 60] [measured seconds = 30] [shoppers = 32]
var warmUpSeconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var measureSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var shopperCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
const int ProductCount = 20;
const int StockPerProduct = 1_000_000; // enough for any run: a sold-out product would be a refusal, not a measurement
const string SuccessCard = "4242 4242 4242 4242";
const double ClockTicksPerSecond = 100; // USER_HZ on every Linux this runs on (getconf CLK_TCK)

using var host = new NexusHostFactory(new Dictionary<string, string?>
{
    ["Nexus:SeedDemoData"] = "false",
    // Every shopper comes from 127.0.0.1: the per-client limits of the cart and the checkout would refuse the bench
    // itself after a few orders. The limits are not what is measured; they are lifted.
    ["Modules:Ordering:CheckoutRequestsPerMinute"] = "1000000",
    ["Modules:Cart:ChangesPerMinute"] = "100000", // the most it takes,
    // The stub provider holds a webhook back 500 ms and wakes every second by default (a provider's pace, not the
    // shop's): deliver as soon as the event exists, so the purchase time is the shop's work and the real delivery.
    ["Modules:NexusPay:WebhookDelay"] = "00:00:00",
    ["Modules:NexusPay:DispatchInterval"] = "00:00:00.050",
});
var baseUrl = host.StartKestrel();
var products = await SeedAsync(host);
var watcher = new WebhookWatcher(host);
using var watching = new CancellationTokenSource();
var watcherLoop = Task.Run(() => watcher.RunAsync(watching.Token));

// The host's CPU with no shopper at all (its background services: outbox relays, event consumers, the stub's webhook
// dispatcher, this harness's webhook watcher): per order it is part of the figure below, so it is shown on its own.
await Task.Delay(TimeSpan.FromSeconds(3));
var idleTicks = ProcessCpuTicks();
await Task.Delay(TimeSpan.FromSeconds(10));
var idleCpuPercent = (ProcessCpuTicks() - idleTicks) / ClockTicksPerSecond / 10 * 100;

// One connection pool for every shopper (as many browsers behind one proxy would be); cookies are kept per purchase
// by the shopper itself, so each purchase is a new guest with a new cart.
using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = shopperCount * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
var outcomes = new Outcomes();

// Warm-up: the JIT recompiles the hot paths for about a minute after they first run; a shop that has been up a while
// no longer pays that. Same closed loop, not counted in the rate.
if (warmUpSeconds > 0)
{
    await RunShoppersAsync(TimeSpan.FromSeconds(warmUpSeconds), measured: null);
}

Console.WriteLine(Invariant($"warm-up: {warmUpSeconds} s, {outcomes.Succeeded} purchases, {outcomes.Failed} failed; {shopperCount} shoppers, {ProductCount} products; idle host before the run: {idleCpuPercent:F0} % of one core; load {File.ReadAllText("/proc/loadavg").Trim()}"));
var window = new Measured();
var cpuBefore = ProcessCpuTicks();
var clock = Stopwatch.StartNew();
await RunShoppersAsync(TimeSpan.FromSeconds(measureSeconds), window);
var elapsed = clock.Elapsed.TotalSeconds;
var cpuTicks = ProcessCpuTicks() - cpuBefore;
var measuredOrders = window.Latencies.Count;
var ordersPerSecond = measuredOrders / elapsed;
var sorted = window.Latencies.OrderBy(l => l).ToList();
var p50 = Percentile(sorted, 0.50);
var p99 = Percentile(sorted, 0.99);
var placeSorted = window.PlaceLatencies.OrderBy(l => l).ToList();
var cpuUsPerOrder = measuredOrders == 0 ? 0 : cpuTicks * 1_000_000.0 / ClockTicksPerSecond / measuredOrders;
var loadAfter = File.ReadAllText("/proc/loadavg").Trim();
await watching.CancelAsync();
await watcherLoop;

// The database's word: every successful purchase is one paid order, no stock went below zero or was taken beyond what
// was sold, and no idempotency key made two orders.
var check = await VerifyAsync(host, products);
var errors = outcomes.Failed + Math.Abs(check.PaidOrders - outcomes.Succeeded);

// The reference: the same number of bare order rows, inserted through the same SQLite file with the same concurrency.
var reference = await ReferenceInsertsAsync(host, Math.Max(measuredOrders, 1000), shopperCount);

Console.WriteLine(Invariant($"checkout: {measuredOrders} purchases in {elapsed:F1} s, {ordersPerSecond:F0}/s, purchase p50 {p50:F1} ms p99 {p99:F1} ms (place -> confirmation p99 {Percentile(placeSorted, 0.99):F1} ms), {cpuUsPerOrder:F0} us CPU/order (host and shoppers, one process)"));
Console.WriteLine(Invariant($"database: {check.PaidOrders} paid orders for {outcomes.Succeeded} successful purchases (warm-up included), {outcomes.Failed} failed; {check.Oversold} products oversold; {check.Duplicates} keys with more than one order; {check.Orders} orders in all"));
Console.WriteLine(Invariant($"reference: {reference.Count} bare order rows (plain Microsoft.Data.Sqlite INSERT, one per transaction, {shopperCount} connections, synchronous=NORMAL) in {reference.Seconds:F2} s, {reference.Count / reference.Seconds:F0}/s, {reference.CpuUs:F0} us CPU/row"));
foreach (var failure in outcomes.FirstFailures)
{
    Console.WriteLine("failure: " + failure);
}

Console.WriteLine(Invariant($"load after: {loadAfter}"));
Console.WriteLine(Invariant($"BENCH checkout orders_per_s={ordersPerSecond:F0} p99_ms={p99:F1} oversold={check.Oversold} duplicates={check.Duplicates} errors={errors} reference_orders_per_s={reference.Count / reference.Seconds:F0} p50_ms={p50:F1} cpu_us_per_order={cpuUsPerOrder:F0} reference_cpu_us={reference.CpuUs:F0} shoppers={shopperCount}"));
return check.Oversold + check.Duplicates + errors == 0 ? 0 : 1;

async Task RunShoppersAsync(TimeSpan duration, Measured? measured)
{
    var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var workers = Enumerable.Range(0, shopperCount).Select(async worker =>
    {
        var random = new Random(worker);
        while (Stopwatch.GetTimestamp() < until)
        {
            var product = products[random.Next(products.Count)];
            var quantity = random.Next(1, 3);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var placeMs = await PurchaseAsync(product, quantity);
                outcomes.Success();
                measured?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, placeMs);
            }
            catch (Exception e) when (e is PurchaseFailed or HttpRequestException or TaskCanceledException or TimeoutException)
            {
                outcomes.Failure(e.Message);
            }
        }
    });
    await Task.WhenAll(workers);
}

// One guest's purchase as a browser without JavaScript makes it: the product page, add to cart, the checkout form, place
// with the success card, the confirmation page; then until the provider's webhook for the payment has been received.
// Answers the place post's own time (ms).
async Task<double> PurchaseAsync(SeededProduct product, int quantity)
{
    var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
    var page = await SendAsync(HttpMethod.Get, "/products/" + product.Slug, null, cookies, HttpStatusCode.OK);
    var addFields = new Dictionary<string, string>
    {
        ["variantId"] = product.VariantId.ToString(),
        ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
    };
    var pageToken = Patterns.Token().Match(page);
    if (pageToken.Success)
    {
        addFields["__RequestVerificationToken"] = pageToken.Groups[1].Value;
    }

    await SendAsync(HttpMethod.Post, "/cart/add", addFields, cookies, HttpStatusCode.Redirect, HttpStatusCode.SeeOther, HttpStatusCode.OK);
    var form = await SendAsync(HttpMethod.Get, "/checkout", null, cookies, HttpStatusCode.OK);
    var key = Patterns.CheckoutKey().Match(form).Groups[1].Value;
    var token = Patterns.Token().Match(form).Groups[1].Value;
    if (key.Length == 0 || token.Length == 0)
    {
        throw new PurchaseFailed("the checkout form has no idempotency key or antiforgery token");
    }

    var placing = Stopwatch.GetTimestamp();
    var location = await SendAsync(HttpMethod.Post, "/checkout?handler=Place", new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["Input.CheckoutKey"] = key,
        ["Input.Email"] = "ada@example.com",
        ["Input.FullName"] = "Ada Lovelace",
        ["Input.Line1"] = "1 Analytical Way",
        ["Input.City"] = "London",
        ["Input.PostalCode"] = "N1 9GU",
        ["Input.CountryCode"] = "GB",
        ["Input.ShippingMethod"] = "standard",
        ["Input.CardNumber"] = SuccessCard,
    }, cookies, HttpStatusCode.Redirect);
    var placeMs = Stopwatch.GetElapsedTime(placing).TotalMilliseconds;
    if (!location.StartsWith("/checkout/confirmation/NX-", StringComparison.Ordinal))
    {
        throw new PurchaseFailed("placing with the success card went to " + location);
    }

    var confirmation = await SendAsync(HttpMethod.Get, location, null, cookies, HttpStatusCode.OK);
    var number = Patterns.OrderNumber().Match(location).Value;
    if (!confirmation.Contains(number, StringComparison.Ordinal))
    {
        throw new PurchaseFailed("the confirmation page does not show " + number);
    }

    await watcher.DeliveredAsync(number).WaitAsync(TimeSpan.FromSeconds(30));
    return placeMs;
}

// Answers the body (200) or the Location header (redirects); anything else is a failed purchase.
async Task<string> SendAsync(HttpMethod method, string path, Dictionary<string, string>? fields, Dictionary<string, string> cookies, params HttpStatusCode[] expected)
{
    using var request = new HttpRequestMessage(method, path);
    if (fields is not null)
    {
        request.Content = new FormUrlEncodedContent(fields);
    }

    if (cookies.Count > 0)
    {
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)));
    }

    using var response = await http.SendAsync(request);
    if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
    {
        foreach (var setCookie in setCookies)
        {
            var pair = setCookie.Split(';', 2)[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }
    }

    if (!expected.Contains(response.StatusCode))
    {
        throw new PurchaseFailed(Invariant($"{method} {path}: {(int)response.StatusCode}"));
    }

    return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther
        ? response.Headers.Location?.ToString() ?? string.Empty
        : await response.Content.ReadAsStringAsync();
}

static async Task<List<SeededProduct>> SeedAsync(NexusHostFactory host)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
    var category = new Category(Guid.CreateVersion7(), "Checkout bench", "checkout-bench", null);
    db.Categories.Add(category);
    var now = DateTime.UtcNow;
    var seeded = new List<SeededProduct>();
    for (var i = 0; i < ProductCount; i++)
    {
        var sku = Invariant($"BENCH-CHK-{i:D2}");
        var product = new Product(Guid.CreateVersion7(), sku, $"Bench product {i}", sku.ToLowerInvariant(), "", 1000 + (i * 100), "USD", category.Id, false, now);
        product.SetOptionNames(["Size"]);
        var variant = product.AddVariant(Guid.CreateVersion7(), sku + "-1", "One size", null, null, null, StockPerProduct);
        product.Publish(now);
        db.Products.Add(product);
        seeded.Add(new SeededProduct(variant.Id, product.Slug));
    }

    await db.SaveChangesAsync();
    return seeded;
}

static async Task<Verification> VerifyAsync(NexusHostFactory host, List<SeededProduct> products)
{
    await using var scope = host.Services.CreateAsyncScope();
    var ordering = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
    var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
    var orders = await ordering.Orders.CountAsync();
    var paid = await ordering.Orders.CountAsync(o => o.Status == OrderStatus.Paid);
    var duplicates = (await ordering.Orders.GroupBy(o => o.IdempotencyKey).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync()).Count;
    var sold = await ordering.Orders.Where(o => o.Status == OrderStatus.Paid).SelectMany(o => o.Lines)
        .GroupBy(l => l.VariantId).Select(g => new { g.Key, Quantity = g.Sum(l => l.Quantity) }).ToDictionaryAsync(g => g.Key, g => g.Quantity);
    var variantIds = products.Select(p => p.VariantId).ToList();
    var stock = await catalog.Products.AsNoTracking().SelectMany(p => p.Variants).Where(v => variantIds.Contains(v.Id))
        .ToDictionaryAsync(v => v.Id, v => v.StockOnHand);
    var oversold = products.Count(p => stock[p.VariantId] < 0 || StockPerProduct - stock[p.VariantId] != sold.GetValueOrDefault(p.VariantId));
    return new Verification(orders, paid, oversold, duplicates);
}

// N connections each insert their share of bare order rows (a copy of a real order row under a new id, number and key)
// into the orders table of the same database file, one row per transaction, as the shop's writers do.
static async Task<(int Count, double Seconds, double CpuUs)> ReferenceInsertsAsync(NexusHostFactory host, int count, int concurrency)
{
    string table;
    await using (var scope = host.Services.CreateAsyncScope())
    {
        var ordering = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        table = ordering.Model.FindEntityType(typeof(Order))!.GetTableName()!;
    }

    var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(host.DataPath, "nexus.db"), DefaultTimeout = 30, Pooling = true }.ToString();
    List<string> columns;
    object[] template;
    await using (var connection = new SqliteConnection(connectionString))
    {
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT * FROM \"{table}\" LIMIT 1";
        await using var reader = await read.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("no order to copy for the reference");
        }

        columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        template = new object[reader.FieldCount];
        reader.GetValues(template);
    }

    var insert = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
    var next = -1;
    var cpuBefore = ProcessCpuTicks();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = insert;
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        int row;
        while ((row = Interlocked.Increment(ref next)) < count)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = columns[i] switch
                {
                    "Id" => Guid.NewGuid().ToString().ToUpperInvariant(),
                    "Number" => Invariant($"RF-{row:D8}"),
                    "IdempotencyKey" => Guid.NewGuid().ToString("N"),
                    _ => template[i],
                };
            }

            await command.ExecuteNonQueryAsync();
        }
    })));
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuUs = (ProcessCpuTicks() - cpuBefore) * 1_000_000.0 / ClockTicksPerSecond / count;
    return (count, seconds, cpuUs);
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

// utime + stime of this process from /proc/self/stat, in clock ticks (fields 14 and 15; the name in parentheses may
// hold spaces, so count from its closing parenthesis).
static long ProcessCpuTicks()
{
    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

internal sealed record SeededProduct(Guid VariantId, string Slug);

internal sealed record Verification(int Orders, int PaidOrders, int Oversold, int Duplicates);

internal sealed class PurchaseFailed(string message) : Exception(message);

internal sealed class Measured
{
    private readonly Lock gate = new();

    public List<double> Latencies { get; } = [];

    public List<double> PlaceLatencies { get; } = [];

    public void Add(double purchaseMs, double placeMs)
    {
        lock (gate)
        {
            Latencies.Add(purchaseMs);
            PlaceLatencies.Add(placeMs);
        }
    }
}

internal sealed class Outcomes
{
    private readonly ConcurrentQueue<string> failures = new();
    private int succeeded;
    private int failed;

    public int Succeeded => Volatile.Read(ref succeeded);

    public int Failed => Volatile.Read(ref failed);

    public IEnumerable<string> FirstFailures => failures.Take(10);

    public void Success() => Interlocked.Increment(ref succeeded);

    public void Failure(string message)
    {
        Interlocked.Increment(ref failed);
        if (failures.Count < 10)
        {
            failures.Enqueue(message);
        }
    }
}

// Watches the payments' webhook log (new rows only, by rowid) and completes the purchase of the order the payment
// belongs to: the shopper's purchase ends when the provider's webhook for it has been received and handled.
internal sealed class WebhookWatcher(NexusHostFactory host)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> delivered = new(StringComparer.Ordinal);

    public Task DeliveredAsync(string number) => Slot(number).Task;

    public async Task RunAsync(CancellationToken stop)
    {
        string orders;
        string deliveries;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            orders = scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Model.FindEntityType(typeof(Order))!.GetTableName()!;
            deliveries = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>().Model.FindEntityType(typeof(WebhookDelivery))!.GetTableName()!;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(host.DataPath, "nexus.db"), Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(stop);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT d.rowid, o.\"Number\" FROM \"{deliveries}\" d JOIN \"{orders}\" o ON o.\"PaymentId\" = d.\"PaymentId\" OR o.\"PaidPaymentId\" = d.\"PaymentId\" WHERE d.rowid > $last AND d.\"EventType\" = 'payment_intent.succeeded' ORDER BY d.rowid";
        var last = command.Parameters.AddWithValue("$last", 0L);
        long seen = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                last.Value = seen;
                await using (var reader = await command.ExecuteReaderAsync(stop))
                {
                    while (await reader.ReadAsync(stop))
                    {
                        seen = Math.Max(seen, reader.GetInt64(0));
                        Slot(reader.GetString(1)).TrySetResult();
                    }
                }

                await Task.Delay(10, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
    }

    private TaskCompletionSource Slot(string number) => delivered.GetOrAdd(number, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

internal static partial class Patterns
{
    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    public static partial Regex Token();

    [GeneratedRegex(@"name=""Input.CheckoutKey"" value=""([0-9a-f]{32})""")]
    public static partial Regex CheckoutKey();

    [GeneratedRegex(@"NX-[0-9A-Z]{8}")]
    public static partial Regex OrderNumber();
}
