using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Host.Pages.Account;

/// <summary>
/// The account overview (<c>/account</c>): greets the customer and shows what they bought lately and the licences it
/// unlocked. It lives in the host because it reads several modules through their contracts (Customers' profile name,
/// Licensing's keys, Ordering's orders in the <c>RecentOrders</c> view component); a module that is switched off (or
/// a sub-app served elsewhere) has no handler here, and its section simply is not shown.
/// </summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class IndexModel : PageModel
{
    public const int RecentCount = 5;

    private readonly IMediator mediator;
    private readonly IServiceProvider services;

    public IndexModel(IMediator mediator, IServiceProvider services)
    {
        this.mediator = mediator;
        this.services = services;
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string Email { get; private set; } = string.Empty;

    /// <summary>The profile's name, or the e-mail address when there is none.</summary>
    public string GreetingName { get; private set; } = string.Empty;

    /// <summary>Null when Licensing does not run in this process (no section then).</summary>
    public IReadOnlyList<RecentLicenseKey>? RecentLicenses { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CustomerId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        Email = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? string.Empty;
        var name = Handles<GetCustomerName, string?>() ? await mediator.Send(new GetCustomerName(CustomerId), cancellationToken) : null;
        GreetingName = name ?? Email;
        if (Handles<GetRecentLicenseKeys, IReadOnlyList<RecentLicenseKey>>())
        {
            RecentLicenses = await mediator.Send(new GetRecentLicenseKeys(CustomerId, RecentCount), cancellationToken);
        }
    }

    private bool Handles<TRequest, TResponse>()
        where TRequest : IRequest<TResponse> => services.GetService<IRequestHandler<TRequest, TResponse>>() is not null;
}
