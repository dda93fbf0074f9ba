using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nexus.Modules.Licensing.Domain;
using Nexus.Modules.Licensing.Features.Activation;

namespace Nexus.Modules.Licensing.Api;

/// <summary>
/// The public activation API for installed software: anonymous (the key is the credential), rate-limited per
/// client address, answers RFC 7807 problem details.
/// </summary>
internal static class ActivationEndpoints
{
    public const string RateLimitPolicy = "licensing-activation";

    public static void MapActivationApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/licensing").WithTags("Licensing").AllowAnonymous().RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        api.MapPost("/activations", async (ActivationRequest body, IMediator mediator, CancellationToken ct) =>
        {
            var result = await mediator.Send(new ActivateDevice(body.Key ?? string.Empty, body.DeviceId ?? string.Empty, body.DeviceName ?? body.DeviceId ?? string.Empty), ct);
            return result switch
            {
                null => UnknownKey(),
                { Outcome: ActivationOutcome.Revoked } => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This license key was revoked.", type: "https://nexus.dev/problems/license-revoked"),
                { Outcome: ActivationOutcome.LimitReached } => Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "This license key is active on the maximum number of devices.",
                    detail: $"Deactivate one of the {result.MaxActivations} devices in your account first.",
                    type: "https://nexus.dev/problems/activation-limit"),
                _ => Results.Ok(new ActivationResponse(result.Outcome == ActivationOutcome.Activated ? "activated" : "already-active", result.ActiveDevices, result.MaxActivations)),
            };
        });
        api.MapPost("/deactivations", async (ActivationRequest body, IMediator mediator, CancellationToken ct) =>
        {
            var result = await mediator.Send(new DeactivateDevice(body.Key ?? string.Empty, body.DeviceId ?? string.Empty), ct);
            return result is null
                ? UnknownKey()
                : Results.Ok(new ActivationResponse(result.Outcome == ActivationOutcome.Deactivated ? "deactivated" : "not-active", result.ActiveDevices, result.MaxActivations));
        });
    }

    // The same answer for a mistyped and a non-existent key: nothing to learn by guessing.
    private static IResult UnknownKey() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown license key.", type: "https://nexus.dev/problems/unknown-license-key");
}
