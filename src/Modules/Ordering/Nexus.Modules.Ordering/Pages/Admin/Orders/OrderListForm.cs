using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.OrderList;

namespace Nexus.Modules.Ordering.Pages.Admin.Orders;

/// <summary>
/// The order list's GET form as typed (so the page shows it back) and as a checked <see cref="OrderListFilter"/>, with
/// one message per field that could not be read. Everything lives in the query string, so a filtered list is a link an
/// admin can bookmark or send, and the CSV export reads the very same fields.
/// </summary>
internal sealed class OrderListForm
{
    public const int MaxSelected = 1000;
    private const int MaxSearchLength = 256;

    private static readonly string[] Fields = ["status", "from", "to", "customer", "min", "max", "payment", "contents", "q", "sort", "dir"];

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    private OrderListForm()
    {
    }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public OrderListFilter Filter { get; private set; } = new();

    public int Page { get; private set; } = 1;

    public bool IsValid => Errors.Count == 0;

    /// <summary>True when any filter or search narrows the list (sorting alone does not).</summary>
    public bool Narrowed => Fields.Take(9).Any(f => Value(f).Length > 0);

    public static IReadOnlyList<(string Value, string Label)> Statuses { get; } =
        [.. Enum.GetValues<OrderStatus>().Select(s => (Slug(s.ToString()), OrderStatusRules.Describe(s)))];

    public static IReadOnlyList<(string Value, string Label)> PaymentStates { get; } =
        [.. Enum.GetValues<OrderPaymentState>().Select(s => (Slug(s.ToString()), OrderListQueries.Describe(s)))];

    public string Value(string field) => values.GetValueOrDefault(field, string.Empty);

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    public static OrderListForm Read(IQueryCollection query, TimeZoneInfo zone)
    {
        var form = new OrderListForm();
        foreach (var field in Fields)
        {
            // One value per field: a repeated field is a hand-made URL; the first one counts.
            var value = query[field].FirstOrDefault()?.Trim() ?? string.Empty;
            form.values[field] = value.Length > MaxSearchLength ? value[..MaxSearchLength] : value;
        }

        var filter = new OrderListFilter
        {
            Status = form.Choice<OrderStatus>("status", "Choose a status from the list."),
            PlacedFromUtc = form.ShopDay("from", zone, nextDay: false),
            PlacedBeforeUtc = form.ShopDay("to", zone, nextDay: true),
            CustomerId = form.Customer(),
            MinTotalMinor = form.Amount("min"),
            MaxTotalMinor = form.Amount("max"),
            Payment = form.Choice<OrderPaymentState>("payment", "Choose a payment state from the list."),
            Contents = form.Choice<OrderContents>("contents", "Choose digital or physical."),
            Numbers = form.Selected(query),
            Sort = form.Choice<OrderListSort>("sort", "Sort by date, total, number or status.") ?? OrderListSort.Date,
            Descending = form.Value("dir") switch
            {
                "" or "desc" => true,
                "asc" => false,
                _ => form.Invalid("dir", "Sort ascending or descending.", true),
            },
        };

        if (filter.PlacedFromUtc is { } from && filter.PlacedBeforeUtc is { } before && from >= before)
        {
            form.Errors["to"] = "The end date is before the start date.";
        }

        if (filter.MinTotalMinor is { } min && filter.MaxTotalMinor is { } max && min > max)
        {
            form.Errors["max"] = "The highest total is below the lowest.";
        }

        form.Filter = form.Search(filter);
        var page = query["page"].FirstOrDefault();
        if (!string.IsNullOrEmpty(page))
        {
            if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= ListOrders.MaxPage)
            {
                form.Page = number;
            }
            else
            {
                form.Errors["page"] = $"Pages go from 1 to {ListOrders.MaxPage}; narrow the filters to reach older orders.";
            }
        }

        return form;
    }

    /// <summary>The list's URL with these filters, <paramref name="change"/> applied (e.g. another page or sort).</summary>
    public string Link(string path, params (string Field, string? Value)[] change)
    {
        var fields = Fields.ToDictionary(f => f, Value, StringComparer.Ordinal);
        fields["page"] = string.Empty;
        foreach (var (field, value) in change)
        {
            fields[field] = value ?? string.Empty;
        }

        var query = new StringBuilder();
        foreach (var (field, value) in fields.Where(f => f.Value.Length > 0))
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(field).Append('=').Append(Uri.EscapeDataString(value));
        }

        return path + query;
    }

    private static string Slug(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    private T Invalid<T>(string field, string message, T fallback)
    {
        Errors[field] = message;
        return fallback;
    }

    private T? Choice<T>(string field, string message)
        where T : struct, Enum
    {
        var value = Value(field);
        if (value.Length == 0)
        {
            return null;
        }

        foreach (var choice in Enum.GetValues<T>())
        {
            if (string.Equals(Slug(choice.ToString()), value, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        return Invalid<T?>(field, message, null);
    }

    private DateTime? ShopDay(string field, TimeZoneInfo zone, bool nextDay)
    {
        var value = Value(field);
        if (value.Length == 0)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 2000 || day.Year > 9000)
        {
            return Invalid<DateTime?>(field, "Enter a date as YYYY-MM-DD, e.g. 2026-12-01.", null);
        }

        // The shop's midnight, whatever the server's zone; "to" includes its whole day.
        var midnight = (nextDay ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
    }

    private string? Customer()
    {
        var value = Value("customer");
        if (value.Length == 0)
        {
            return null;
        }

        return value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? value
            : Invalid<string?>("customer", "A customer id is letters, digits and dashes (open the customer from an order).", null);
    }

    private long? Amount(string field)
    {
        var value = Value(field);
        if (value.Length == 0)
        {
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major) || major > 100_000_000m)
        {
            return Invalid<long?>(field, "Enter an amount such as 25 or 25.50.", null);
        }

        if (decimal.Round(major, 2) != major)
        {
            return Invalid<long?>(field, "Use at most two decimals, e.g. 25.50.", null);
        }

        return (long)(major * 100m);
    }

    private List<string> Selected(IQueryCollection query)
    {
        var numbers = query["numbers"].Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (numbers.Count > MaxSelected)
        {
            return Invalid("numbers", $"Select at most {MaxSelected} orders at a time.", new List<string>());
        }

        return numbers.All(OrderNumber.LooksValid) ? numbers : Invalid("numbers", "Some selected orders are not order numbers.", new List<string>());
    }

    /// <summary>The search box: an order number (or its start, <c>NX-…</c>) or the start of an e-mail address.</summary>
    private OrderListFilter Search(OrderListFilter filter)
    {
        var value = Value("q");
        if (value.Length == 0)
        {
            return filter;
        }

        if (value.StartsWith("NX-", StringComparison.OrdinalIgnoreCase))
        {
            return filter with { NumberPrefix = value.ToUpperInvariant() };
        }

        if (value.Any(char.IsControl))
        {
            return Invalid("q", "Search for an order number (NX-…) or an e-mail address.", filter);
        }

        return filter with { EmailPrefix = value.ToLowerInvariant() };
    }
}
