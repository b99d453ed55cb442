using System.Reflection;
using System.Reflection.Emit;
using Analytics.Core.Geometry;

namespace Analytics.Core.Tests.Architecture;

/// <summary>
/// The folders of Analytics.Core are the pipeline's stages and the values they pass on; each may use only the ones
/// below it, so that a stage can be read, tested and changed without the stages after it. Dependencies are read from
/// the compiled assembly: signatures, locals, and every type, method and field the IL names (lambdas and iterators
/// included, as their compiler-made types are nested in the type that wrote them).
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly Assembly Core = typeof(Point2).Assembly;

    private static readonly Lazy<Dictionary<string, SortedSet<string>>> Dependencies = new(ReadDependencies);

    /// <summary>Each folder and the only other folders its types may use.</summary>
    public static TheoryData<string, string[]> Allowed => new()
    {
        { "Geometry", [] },
        { "Objects", ["Geometry"] },
        { "Tracking", ["Geometry", "Objects"] },
        { "Counting", ["Geometry", "Objects", "Tracking"] },
        { "Aggregation", ["Geometry", "Objects", "Counting", "Time"] },
        { "Integrity", [] },
        { "Time", [] },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void A_folder_uses_only_the_folders_below_it(string folder, string[] allowed)
    {
        Assert.True(Dependencies.Value.ContainsKey(folder), $"no type in Analytics.Core.{folder}");

        Assert.Empty(Dependencies.Value[folder].Except(allowed));
    }

    [Fact]
    public void Every_folder_is_listed_and_none_depends_on_itself_through_others()
    {
        var listed = Allowed.Select(row => (string)row[0]).ToHashSet();
        Assert.Empty(Dependencies.Value.Keys.Except(listed));

        foreach (var start in Dependencies.Value.Keys)
        {
            var reached = new HashSet<string>();
            var pending = new Stack<string>(Dependencies.Value[start]);
            while (pending.TryPop(out var folder))
            {
                Assert.True(folder != start, $"{start} depends on itself through {string.Join(", ", reached)}");
                if (reached.Add(folder))
                {
                    foreach (var next in Dependencies.Value.GetValueOrDefault(folder) ?? [])
                    {
                        pending.Push(next);
                    }
                }
            }
        }
    }

    private static Dictionary<string, SortedSet<string>> ReadDependencies()
    {
        var dependencies = new Dictionary<string, SortedSet<string>>();
        foreach (var type in Core.GetTypes())
        {
            if (FolderOf(type) is not { } folder)
            {
                continue;
            }

            var used = dependencies.TryGetValue(folder, out var set) ? set : dependencies[folder] = [];
            foreach (var other in TypesUsedBy(type).Select(FolderOf).OfType<string>())
            {
                if (other != folder)
                {
                    used.Add(other);
                }
            }
        }

        return dependencies;
    }

    /// <summary>The folder of a type of Analytics.Core (<c>Analytics.Core.Counting</c> → Counting), null for any other type.</summary>
    private static string? FolderOf(Type type)
    {
        var root = type;
        while (root.DeclaringType is { } outer)
        {
            root = outer;
        }

        const string Prefix = "Analytics.Core.";
        return root.Assembly == Core && root.Namespace is { } name && name.StartsWith(Prefix, StringComparison.Ordinal)
            ? name[Prefix.Length..].Split('.')[0]
            : null;
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }

            if (method.GetMethodBody() is { } body)
            {
                direct.AddRange(body.LocalVariables.Select(l => l.LocalType));
                direct.AddRange(TypesNamedInIl(method, body));
            }
        }

        return direct.OfType<Type>().SelectMany(Expand);
    }

    /// <summary>A type and the types it is made of: generic arguments, array and by-ref element types.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var element in Expand(type.GetElementType()!))
            {
                yield return element;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Declaring and member types of every type, method and field token in the method's IL.</summary>
    private static IEnumerable<Type?> TypesNamedInIl(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            if (opCode.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                switch (member)
                {
                    case Type named:
                        yield return named;
                        break;
                    case FieldInfo field:
                        yield return field.DeclaringType;
                        yield return field.FieldType;
                        break;
                    case MethodBase called:
                        yield return called.DeclaringType;
                        yield return (called as MethodInfo)?.ReturnType;
                        foreach (var parameter in called.GetParameters())
                        {
                            yield return parameter.ParameterType;
                        }

                        break;
                }
            }

            at += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }
}
