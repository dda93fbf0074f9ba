using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Contracts;

/// <summary>Identity answers this for other modules (e.g. a customer's data export); null for an unknown user.</summary>
public sealed record GetUserAccount(string UserId) : IQuery<UserAccount?>;
