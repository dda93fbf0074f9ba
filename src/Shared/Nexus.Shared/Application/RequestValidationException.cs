using FluentValidation.Results;

namespace Nexus.Shared.Application;

/// <summary>
/// A request failed its validators (<see cref="ValidationBehavior{TRequest, TResponse}"/>, the authority for pages
/// and APIs alike); nothing was written. Pages show <see cref="Result"/> next to their fields with FluentValidation's
/// <c>AddToModelState(ModelState, prefix)</c>; APIs answer <see cref="Errors"/> as a 400 ValidationProblemDetails.
/// </summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("The request is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
    {
        Errors = errors;
    }

    public RequestValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public RequestValidationException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public RequestValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>Every message of every field, keyed by the field's name.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The same failures as FluentValidation's result, for its model-state helpers.</summary>
    public ValidationResult Result => new(Errors.SelectMany(e => e.Value.Select(message => new ValidationFailure(e.Key, message))));
}
