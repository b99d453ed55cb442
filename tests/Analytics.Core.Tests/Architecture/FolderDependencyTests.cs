using System.Reflection;
using Analytics.Core.Geometry;
using Analytics.Tests.Shared;

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
            foreach (var other in TypeReferences.Of(type).Select(FolderOf).OfType<string>())
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
}
