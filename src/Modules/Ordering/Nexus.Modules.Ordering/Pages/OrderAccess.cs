using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages;

/// <summary>
/// Who may see an order's pages (confirmation, payment, detail): a customer's order only its customer; a guest's
/// order the browser that placed it (a protected cookie listing its order numbers) or whoever holds the signed link
/// of its e-mail. An order number alone is never enough — anyone else gets the same 404 as for an unknown number.
/// </summary>
internal sealed class OrderAccess
{
    public const string CookieName = "nexus.orders";
    private const int MaxRemembered = 20;

    private readonly ITimeLimitedDataProtector protector;
    private readonly TimeSpan lifetime;

    public OrderAccess(IDataProtectionProvider dataProtection, IOptions<OrderingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(options);
        protector = dataProtection.CreateProtector("Nexus.Ordering.OrderAccess").ToTimeLimitedDataProtector();
        lifetime = options.Value.GuestOrderAccess;
    }

    public static string? UserId(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public bool CanSee(HttpContext context, OrderView order, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(order);
        if (order.CustomerId is not null)
        {
            return order.CustomerId == UserId(context.User);
        }

        return Remembered(context).Contains(order.Number) || (token is not null && TokenNames(token) == order.Number);
    }

    /// <summary>This browser placed the order: it may come back to it (guests; harmless for customers).</summary>
    public void Remember(HttpContext context, string number)
    {
        ArgumentNullException.ThrowIfNull(context);
        var numbers = Remembered(context).Where(n => n != number).Prepend(number).Take(MaxRemembered).ToList();
        context.Response.Cookies.Append(CookieName, protector.Protect(string.Join(',', numbers), lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = lifetime,
            Path = "/",
        });
    }

    /// <summary>A link token for the order's e-mails (valid as long as the guest cookie would be).</summary>
    public string Token(string number) => protector.Protect(number, lifetime);

    private string? TokenNames(string token)
    {
        try
        {
            var number = protector.Unprotect(token);
            return OrderNumber.LooksValid(number) ? number : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private List<string> Remembered(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return [.. protector.Unprotect(value).Split(',', StringSplitOptions.RemoveEmptyEntries).Where(OrderNumber.LooksValid)];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }
    }
}
