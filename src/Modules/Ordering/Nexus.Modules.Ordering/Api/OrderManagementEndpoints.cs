using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Web;

namespace Nexus.Modules.Ordering.Api;

/// <summary>
/// The back office's order actions as a JSON API (<c>/api/admin/orders/{number}</c>), for scripts and tools that run
/// the shop, with the same rules as the order page: the same commands, the same state machine, the same audit trail.
/// Answers: 200 with the order after the action; 400 ProblemDetails when what was asked is malformed; 409 when the
/// order cannot do it now (the sentence the page would show, and the order's status); 403 when the role may not
/// (Support may read, note and resend, never ship, cancel or refund); 404 for an unknown number. The caller signs in
/// with the shop's cookie, so every POST carries the antiforgery header (<see cref="CookieApiAntiforgery"/>).
/// </summary>
internal static class OrderManagementEndpoints
{
    public const string BasePath = "/api/admin/orders";

    private const string RefusedType = "https://nexus.dev/problems/order-action-refused";
    private const string InvalidType = "https://nexus.dev/problems/order-action-invalid";

    public static IEndpointRouteBuilder MapOrderManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath).WithTags("Ordering").RequireAuthorization(NexusPolicies.BackOffice).RequireAntiforgeryHeader();

        api.MapGet("/{number}", async (string number, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return await mediator.Send(new GetManagedOrder(number), ct) is { } order
                ? Results.Ok(OrderResource.Of(order, await IsAdminAsync(authorization, user)))
                : UnknownOrder(number);
        });

        api.MapPost("/{number}/processing", (string number, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, CancellationToken ct) =>
            AnswerAsync(number, user, mediator, authorization, () => mediator.Send(new MarkOrderProcessing(number, OrderActor.Staff(user)), ct), ct))
            .RequireAuthorization(NexusPolicies.Admin);

        api.MapPost("/{number}/shipments", (string number, ShipmentRequest? body, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, OrderManagement management, CancellationToken ct) =>
            AnswerAsync(number, user, mediator, authorization, () => management.WithRetriesAsync(() => mediator.Send(
                new ShipOrder(number, body?.Carrier ?? string.Empty, body?.TrackingNumber ?? string.Empty, Quantities(body?.Lines), OrderActor.Staff(user)), ct)), ct))
            .RequireAuthorization(NexusPolicies.Admin);

        api.MapPost("/{number}/delivered", (string number, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, CancellationToken ct) =>
            AnswerAsync(number, user, mediator, authorization, () => mediator.Send(new MarkOrderDelivered(number, OrderActor.Staff(user)), ct), ct))
            .RequireAuthorization(NexusPolicies.Admin);

        api.MapPost("/{number}/cancellation", (string number, CancellationRequest? body, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, OrderManagement management, CancellationToken ct) =>
            AnswerAsync(number, user, mediator, authorization, () => management.CancelAsync(number, body?.Reason ?? string.Empty, OrderActor.Staff(user), ct), ct))
            .RequireAuthorization(NexusPolicies.Admin);

        api.MapPost("/{number}/refunds", async (string number, RefundRequest? body, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, OrderManagement management, CancellationToken ct) =>
        {
            if (await mediator.Send(new GetManagedOrder(number), ct) is not { } order)
            {
                return UnknownOrder(number);
            }

            // Either an amount, or the units refunded priced as they were sold (the page's rule).
            var lines = Quantities(body?.Lines);
            var amount = body?.AmountMinor ?? (lines.Count == 0 ? null : order.PriceOf(lines));
            if (amount is not { } minor)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Give amountMinor (in the order's minor units), or the lines and units to refund.", type: InvalidType);
            }

            return await AnswerAsync(number, user, mediator, authorization, () => management.RefundAsync(number, minor, body?.Reason ?? string.Empty, lines, OrderActor.Staff(user), ct), ct);
        }).RequireAuthorization(NexusPolicies.Admin);

        api.MapPost("/{number}/notes", (string number, NoteRequest? body, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, OrderManagement management, CancellationToken ct) =>
            AnswerAsync(number, user, mediator, authorization, () => management.WithRetriesAsync(() => mediator.Send(new AddOrderNote(number, body?.Text ?? string.Empty, OrderActor.Staff(user)), ct)), ct));

        api.MapPost("/{number}/email", (string number, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, CancellationToken ct) =>
            AnswerAsync(number, user, mediator, authorization, () => mediator.Send(new ResendOrderEmail(number, OrderActor.Staff(user)), ct), ct));

        return endpoints;
    }

    private static async Task<IResult> AnswerAsync(string number, ClaimsPrincipal user, IMediator mediator, IAuthorizationService authorization, Func<Task<OrderActionResult?>> act, CancellationToken ct)
    {
        var result = await act();
        if (result is null)
        {
            return UnknownOrder(number);
        }

        var order = await mediator.Send(new GetManagedOrder(number), ct);
        if (result.Done)
        {
            return Results.Ok(new OrderActionAnswer(result.Message, order is null ? null : OrderResource.Of(order, await IsAdminAsync(authorization, user))));
        }

        return result.InvalidInput
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Message, type: InvalidType)
            : Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: result.Message,
                type: RefusedType,
                extensions: new Dictionary<string, object?> { ["orderStatus"] = order is null ? null : OrderResource.StatusName(order.Status) });
    }

    private static IResult UnknownOrder(string number) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such order.", detail: $"No order is numbered {(number.Length > 20 ? number[..20] : number)}.");

    private static List<OrderLineQuantity> Quantities(IReadOnlyList<LineQuantity>? lines) =>
        lines is null ? [] : [.. lines.Where(l => l.Quantity != 0).Select(l => new OrderLineQuantity(l.LineId, l.Quantity))];

    private static async Task<bool> IsAdminAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, NexusPolicies.Admin)).Succeeded;
}

/// <summary>Units of one order line (a shipment's or a refund's).</summary>
internal sealed record LineQuantity(Guid LineId, int Quantity);

/// <summary>POST <c>…/shipments</c>: carrier code (ups, dhl, …), tracking number, and the units shipped (none: everything left).</summary>
internal sealed record ShipmentRequest(string? Carrier, string? TrackingNumber, IReadOnlyList<LineQuantity>? Lines);

internal sealed record CancellationRequest(string? Reason);

/// <summary>POST <c>…/refunds</c>: an amount in minor units, or the units refunded (priced as sold), and a reason.</summary>
internal sealed record RefundRequest(long? AmountMinor, string? Reason, IReadOnlyList<LineQuantity>? Lines);

internal sealed record NoteRequest(string? Text);

internal sealed record OrderActionAnswer(string Message, OrderResource? Order);
