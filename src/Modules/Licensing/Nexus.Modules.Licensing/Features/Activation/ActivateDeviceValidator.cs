using FluentValidation;

namespace Nexus.Modules.Licensing.Features.Activation;

internal sealed class ActivateDeviceValidator : AbstractValidator<ActivateDevice>
{
    public ActivateDeviceValidator()
    {
        RuleFor(r => r.Key).NotEmpty().MaximumLength(64);
        RuleFor(r => r.DeviceId).NotEmpty().WithMessage("Give the device an id.").MaximumLength(128);
        RuleFor(r => r.DeviceName).NotEmpty().WithMessage("Give the device a name.").MaximumLength(100);
    }
}
