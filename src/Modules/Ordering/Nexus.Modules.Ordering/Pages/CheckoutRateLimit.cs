namespace Nexus.Modules.Ordering.Pages;

/// <summary>The rate-limit policy of the checkout and payment pages (<see cref="OrderingOptions.CheckoutRequestsPerMinute"/>).</summary>
internal static class CheckoutRateLimit
{
    public const string Policy = "ordering.checkout";
}
