using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Contracts;

/// <summary>The name the customer gave in their profile, to greet them by; null when they have given none.</summary>
public sealed record GetCustomerName(string CustomerId) : IQuery<string?>;
