using System.Reflection;
using System.Reflection.Emit;

namespace Nexus.ArchitectureTests;

/// <summary>
/// The methods a compiled method calls, read from its IL (call, callvirt, newobj, ldftn, ldvirtftn) with plain
/// reflection: <see cref="MethodBody.GetILAsByteArray"/> and <see cref="Module.ResolveMethod(int, Type[], Type[])"/>.
/// </summary>
/// <remarks>
/// Why IL and not a scan of the source: the compiled call names the method that really binds — through aliases,
/// <c>var</c>, extension methods, base classes and overloads — and comments or strings cannot fool it; why plain
/// reflection: Mono.Cecil is not referenced here and Roslyn is not on the feed, and this needs only the opcode
/// table the runtime already has. The price is that callers must include the compiler-generated types a method's
/// body moves into (async state machines, lambdas' closures, local functions): <see cref="DeclaredIn"/> does.
/// </remarks>
internal static class MethodCalls
{
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => unchecked((ushort)o.Value));

    /// <summary>Every method, constructor and accessor of <paramref name="type"/> and of the types nested in it.</summary>
    public static IEnumerable<MethodBase> DeclaredIn(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            yield return method;
        }

        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
        {
            foreach (var method in DeclaredIn(nested))
            {
                yield return method;
            }
        }
    }

    /// <summary>The methods <paramref name="method"/>'s body calls or takes a delegate to.</summary>
    public static IEnumerable<MethodBase> CalledBy(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            var code = il[position] == 0xFE ? (ushort)(0xFE00 | il[position + 1]) : il[position];
            position += code > 0xFF ? 2 : 1;
            var opCode = OpCodesByValue[code];
            if (opCode.OperandType == OperandType.InlineMethod)
            {
                var called = Resolve(method.Module, BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                if (called is not null)
                {
                    yield return called;
                }
            }

            position += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }
    }

    private static MethodBase? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMethod(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return null; // a member of a generic instantiation that cannot be resolved outside its context
        }
    }
}
