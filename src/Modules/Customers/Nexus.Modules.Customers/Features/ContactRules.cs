using System.Text.RegularExpressions;
using FluentValidation;

namespace Nexus.Modules.Customers.Features;

/// <summary>The checks every form that takes a phone number, postal code or country shares.</summary>
internal static partial class ContactRules
{
    public static bool IsPhone(string phone) => Phone().IsMatch(phone.Trim()) && phone.Count(char.IsDigit) is >= 6 and <= 20;

    public static bool IsPostalCode(string code) => PostalCode().IsMatch(code.Trim());

    /// <summary>The shape of an ISO 3166-1 alpha-2 code (the form offers a list; this guards the post).</summary>
    public static bool IsCountryCode(string code) => code.Length == 2 && code.All(char.IsAsciiLetterUpper);

    /// <summary>An optional phone number: checked only when given (every validator that takes one uses this rule).</summary>
    public static IRuleBuilderOptions<T, string?> OptionalPhone<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(p => string.IsNullOrWhiteSpace(p) || IsPhone(p))
            .WithMessage("Enter a phone number of 6 to 20 digits, optionally starting with +.");

    [GeneratedRegex(@"^\+?[0-9 ()\-]{6,24}$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 \-]{1,9}$")]
    private static partial Regex PostalCode();
}
