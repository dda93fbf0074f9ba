using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using FluentValidation;
using FluentValidation.Internal;
using Microsoft.Extensions.Options;

namespace Nexus.ArchitectureTests;

/// <summary>
/// Validators are scoped, so one is built for every request that sends its command. FluentValidation caches the
/// compiled accessor of a rule whose expression names a member (<c>x =&gt; x.Owner</c>, also through a cast), but
/// compiles any other lambda (<c>x =&gt; owner(x)</c>) again on every build: an expression compile and a JIT per rule
/// per request, which was a tenth of Bench-Checkout's CPU. Every rule must therefore name a member (or be the object
/// itself, as <c>Include</c> and object-level rules are).
/// </summary>
internal sealed class ValidatorCostTests
{
    [Test]
    public void Every_validator_rule_names_a_member_so_its_accessor_is_compiled_once()
    {
        var validators = ValidatorTypes().ToList();
        validators.Should().HaveCountGreaterThan(20, "the rule must see the modules' validators");

        var violations = validators.SelectMany(Violations).ToList();

        violations.Should().BeEmpty();
    }

    [Test]
    public void The_rule_reports_a_validator_that_reads_its_property_through_a_delegate()
    {
        Violations(typeof(DelegateRuleValidator)).Should().ContainSingle().Which.Should().Contain(nameof(DelegateRuleValidator));
        Violations(typeof(MemberRuleValidator)).Should().BeEmpty();
    }

    private static IEnumerable<Type> ValidatorTypes() =>
        NexusAssemblies.All.SelectMany(NexusAssemblies.Types)
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IValidator).IsAssignableFrom(t));

    private static IEnumerable<string> Violations(Type validatorType)
    {
        foreach (var rule in Rules(validatorType))
        {
            if (rule is IIncludeRule || rule.Member is not null || rule.Expression?.Body is ParameterExpression)
            {
                continue;
            }

            yield return $"{validatorType.FullName}: the rule on '{rule.PropertyName ?? rule.Expression?.ToString()}' reads its value through {rule.Expression}, which is compiled again for every request";
        }
    }

    /// <summary>
    /// Builds the validator with default arguments: the constructors only keep their services (a DbContext for the
    /// async rules) and declare rules, so nothing is called on the missing services while the rules are read.
    /// </summary>
    private static IEnumerable<IValidationRule> Rules(Type validatorType)
    {
        var constructor = validatorType.GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .OrderBy(c => c.GetParameters().Length)
            .First();
        var arguments = constructor.GetParameters().Select(p => Argument(p.ParameterType)).ToArray();
        var validator = (IEnumerable<IValidationRule>)constructor.Invoke(arguments);
        return validator.ToList();
    }

    /// <summary>Options are read in constructors (limits), so they get their defaults; other services stay null.</summary>
    private static object? Argument(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IOptions<>))
        {
            var create = typeof(Options).GetMethod(nameof(Options.Create))!.MakeGenericMethod(type.GetGenericArguments()[0]);
            return create.Invoke(null, [Activator.CreateInstance(type.GetGenericArguments()[0])]);
        }

        return type.IsValueType ? RuntimeHelpers.GetUninitializedObject(type) : null;
    }

    private sealed record Sample(string Name);

    private sealed class DelegateRuleValidator : AbstractValidator<Sample>
    {
        public DelegateRuleValidator()
        {
            Func<Sample, string> name = s => s.Name;
            RuleFor(s => name(s)).NotEmpty();
        }
    }

    private sealed class MemberRuleValidator : AbstractValidator<Sample>
    {
        public MemberRuleValidator()
        {
            RuleFor(s => (string?)s.Name).NotEmpty();
            RuleFor(s => s).Must(s => s.Name.Length < 10);
        }
    }
}
