using FluentValidation;
using Nexus.Modules.Content.Domain;

namespace Nexus.Modules.Content.Features.ContentPages;

internal sealed class EditContentPageValidator : AbstractValidator<EditContentPage>
{
    public EditContentPageValidator()
    {
        RuleFor(x => x.Title)
            .NotEmpty().WithMessage("Give the page a title.")
            .MaximumLength(ContentPage.TitleMaxLength).WithMessage($"Keep the title to {ContentPage.TitleMaxLength} characters.");
        RuleFor(x => x.BodyMarkdown)
            .NotEmpty().WithMessage("Write the page's text.")
            .MaximumLength(ContentPage.BodyMaxLength).WithMessage($"Keep the text to {ContentPage.BodyMaxLength:N0} characters.");
    }
}
