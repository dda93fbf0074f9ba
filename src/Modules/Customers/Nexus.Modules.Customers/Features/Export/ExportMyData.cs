using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Export;

/// <summary>Everything Nexus keeps about the shopper, for the "download my data" button.</summary>
internal sealed record ExportMyData(string UserId) : IQuery<CustomerDataExport>;
