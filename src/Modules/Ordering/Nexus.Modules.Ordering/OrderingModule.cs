using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nexus.Modules.Ordering.Api;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Features.Cancellation;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Modules.Ordering.Features.Payment;
using Nexus.Modules.Ordering.Features.PlaceOrder;
using Nexus.Modules.Ordering.Pages;
using Nexus.Modules.Payments.Contracts.Events;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Account;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Application;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Shared.Scheduling;
using Nexus.Shared.Web;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering;

/// <summary>
/// Ordering: checkout (<c>/checkout</c>), orders and their state machine, the payment flow through Payments
/// (<c>/checkout/payment/return</c>), the unpaid-order job and the account's order history (docs/decisions/0022).
/// Other modules see it through <c>Nexus.Modules.Ordering.Contracts</c>.
/// </summary>
public static class OrderingModule
{
    public const string Name = "Ordering";

    public static IServiceCollection AddOrderingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrderingDbContext>(Name, OrderingDbContext.SchemaName);
        services.AddModuleHandlers(typeof(OrderingModule).Assembly);
        services.TryAddSingleton(TimeProvider.System);
        var section = configuration.GetSection($"Modules:{Name}");
        services.AddOptions<OrderingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        services.AddScoped<CheckoutPlacement>();
        services.AddScoped<CheckoutPayment>();
        services.AddScoped<OrderPaymentRecorder>();
        services.AddScoped<UnpaidOrderSweep>();
        services.AddScoped<OrderAccess>();
        services.AddScoped<OrderEmails>();
        services.AddScoped<OrderChangeEvents>();
        services.AddScoped<OrderRefundSettlement>();
        services.AddScoped<OrderManagement>();
        services.AddScoped<BulkOrderJob>();

        services.AddSingleton(new AccountTab("orders", "Orders", "/account/orders", "what you bought and where it is", Order: 10));
        services.AddSingleton(new BackOfficeSection("Orders", "/admin/orders", "Find, filter and export orders; open one to ship, refund or cancel it; customers and their lifetime value", NexusPolicies.BackOffice, Order: 150));

        services.AddIntegrationEventHandler<PaymentSucceeded, PaymentSucceededHandler>(Name);
        services.AddIntegrationEventHandler<PaymentFailed, PaymentFailedHandler>(Name);
        services.AddIntegrationEventHandler<OrderPlaced, OrderPlacedEmailHandler>(Name);
        services.AddIntegrationEventHandler<OrderPaymentReceived, PaidOrderFollowUpHandler>(Name);
        services.AddIntegrationEventHandler<RefundSucceeded, RefundSucceededHandler>(Name);
        services.AddIntegrationEventHandler<OrderShipped, OrderShippedEmailHandler>(Name);
        services.AddIntegrationEventHandler<OrderStatusChanged, OrderStatusEmailHandler>(Name);
        services.AddIntegrationEventHandler<RefundIssued, RefundIssuedEmailHandler>(Name);

        var cron = CronSetting.Parse($"Modules:{Name}:UnpaidOrderCron", section["UnpaidOrderCron"], "* * * * *", out _);
        services.AddRecurringJob<CancelUnpaidOrdersJob>(CancelUnpaidOrdersJob.Id, cron);

        // Placing an order and trying a card are limited per client address: the place where card testing happens.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<OrderingOptions>>((options, ordering) =>
            options.AddPolicy(CheckoutRateLimit.Policy, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    RateLimitingServiceCollectionExtensions.ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = ordering.Value.CheckoutRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return services;
    }

    public static IEndpointRouteBuilder MapOrderingModule(this IEndpointRouteBuilder endpoints) => endpoints.MapOrderManagementApi();
}
