using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Cart.Features.Settings;

/// <summary>Admin changes the shop's tax rate (basis points: 1000 = 10%), free-shipping threshold and shipping rates (minor units).</summary>
internal sealed record SaveCheckoutSettings(int TaxRateBasisPoints, long FreeShippingThresholdMinor, long StandardShippingMinor, long ExpressShippingMinor, string? ChangedBy) : ICommand<bool>;
