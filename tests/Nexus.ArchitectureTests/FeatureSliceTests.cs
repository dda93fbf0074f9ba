using System.Reflection;

namespace Nexus.ArchitectureTests;

/// <summary>
/// A feature slice (<c>Features/&lt;Slice&gt;/</c>) reaches into no other slice of its module: it may send another
/// slice's requests through the mediator (and read their results), but never call its handlers, helpers or validators;
/// what two slices share lives above them (<c>Features/</c>, <c>Domain/</c>, <c>Data/</c>), so a slice can change
/// without breaking its neighbours. Checked on signatures and on the members each method body touches (its IL).
/// </summary>
internal sealed class FeatureSliceTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    // Opcodes followed by a metadata token: call, callvirt, newobj, ldfld, ldflda, stfld, ldsfld, ldsflda, stsfld,
    // ldtoken, box, newarr, castclass, isinst, initobj's prefix-free cousins; ldftn/ldvirtftn are two-byte (0xFE 0x06/0x07).
    private static readonly HashSet<byte> TokenOpcodes = [0x28, 0x6F, 0x73, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0xD0, 0x8C, 0x8D, 0x74, 0x75, 0x79, 0xA5];

    [Test]
    public void A_feature_slice_uses_nothing_from_another_slice_of_its_module()
    {
        var checkedSlices = 0;
        var violations = new List<string>();
        foreach (var module in NexusAssemblies.Modules)
        {
            var prefix = module.GetName().Name + ".Features.";
            var requestsAndResults = RequestsAndResults(module);
            foreach (var type in NexusAssemblies.Types(module).Where(t => SliceOf(t, prefix) is not null))
            {
                checkedSlices++;
                var slice = SliceOf(type, prefix)!;
                foreach (var used in UsedTypes(type).Distinct())
                {
                    if (SliceOf(used, prefix) is { } other && other != slice && !requestsAndResults.Contains(used))
                    {
                        violations.Add($"{type.FullName} ({slice}) uses {used.FullName} ({other})");
                    }
                }
            }
        }

        checkedSlices.Should().BePositive();
        violations.Distinct().Should().BeEmpty("what two slices share belongs above both (Features/, Domain/, Data/)");
    }

    /// <summary>A module's requests and the types of their results: what a slice may use of another, through the mediator.</summary>
    private static HashSet<Type> RequestsAndResults(Assembly module) =>
        NexusAssemblies.Types(module)
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequest<>))
                .SelectMany(i => Expand(i.GetGenericArguments()[0]).Prepend(t)))
            .ToHashSet();

    private static string? SliceOf(Type type, string prefix)
    {
        var ns = type.Namespace ?? string.Empty;
        if (!ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Types a type's signatures name and the declaring types of the members its method bodies touch.</summary>
    private static IEnumerable<Type> UsedTypes(Type type)
    {
        var named = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            named.Add(baseType);
        }

        named.AddRange(type.GetInterfaces());
        named.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
        named.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
        var methods = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)).ToList();
        foreach (var method in methods)
        {
            named.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                named.Add(info.ReturnType);
            }
        }

        return named.SelectMany(Expand).Concat(methods.SelectMany(BodyTypes));
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            return Expand(type.GetElementType()!);
        }

        return type.IsGenericType ? [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Expand)] : [type];
    }

    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return [];
        }

        var found = new List<Type>();
        for (var i = 0; i + 4 < il.Length; i++)
        {
            var takesToken = TokenOpcodes.Contains(il[i]) || (il[i] == 0xFE && il[i + 1] is 0x06 or 0x07 && i++ >= 0);
            if (!takesToken || i + 4 >= il.Length)
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, i + 1);
            if (Resolve(method, token) is { } type)
            {
                found.AddRange(Expand(type));
            }
        }

        return found;
    }

    /// <summary>The type a token names or declares the member it names; null for anything else (a byte that only looked like an opcode).</summary>
    private static Type? Resolve(MethodBase method, int token)
    {
        var table = (token >> 24) & 0xFF;
        if (table is not (0x01 or 0x02 or 0x04 or 0x06 or 0x0A or 0x1B or 0x2B))
        {
            return null;
        }

        try
        {
            var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            var member = method.Module.ResolveMember(token, typeArguments, methodArguments);
            return member as Type ?? member?.DeclaringType;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }
}
