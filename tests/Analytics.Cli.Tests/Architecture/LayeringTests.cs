using System.Reflection;
using Analytics.Core.Geometry;
using Analytics.Output.Tables;
using Analytics.Runs;
using Analytics.Tests.Shared;
using Analytics.Vision.Video;

namespace Analytics.Cli.Tests.Architecture;

/// <summary>
/// The architecture of ../shared/DESIGN.md, read from the compiled assemblies: dependencies point one way,
/// Cli → Runs → {Vision, Output} → Core (a layer may use any layer below it, never one above or beside it); only
/// Vision touches OpenCV and ONNX Runtime; and inside each project the folders (namespaces) form no cycle.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Core = typeof(Point2).Assembly;
    private static readonly Assembly Vision = typeof(VideoReader).Assembly;
    private static readonly Assembly Output = typeof(Table).Assembly;
    private static readonly Assembly Runs = typeof(RunOrchestrator).Assembly;
    private static readonly Assembly Cli = typeof(ExitCodes).Assembly;

    /// <summary>Each product assembly and the product assemblies it may use.</summary>
    public static TheoryData<string, string[]> Layers => new()
    {
        { "Analytics.Core", [] },
        { "Analytics.Vision", ["Analytics.Core"] },
        { "Analytics.Output", ["Analytics.Core"] },
        { "Analytics.Runs", ["Analytics.Core", "Analytics.Vision", "Analytics.Output"] },
        { "analytics", ["Analytics.Core", "Analytics.Vision", "Analytics.Output", "Analytics.Runs"] },
    };

    public static TheoryData<string> Projects => new() { "Analytics.Core", "Analytics.Vision", "Analytics.Output", "Analytics.Runs", "analytics" };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Each_project_uses_only_the_layers_below_it(string project, string[] allowed)
    {
        var ours = new[] { Core, Vision, Output, Runs, Cli }.Select(a => a.GetName().Name!).ToHashSet(StringComparer.Ordinal);
        var assembly = ByName(project);

        var upward = References(assembly)
            .Where(r => ours.Contains(r.To.Assembly.GetName().Name!) && r.To.Assembly != assembly && !allowed.Contains(r.To.Assembly.GetName().Name!))
            .Select(r => $"{r.From.FullName} -> {r.To.FullName}")
            .Distinct()
            .Take(10)
            .ToList();

        Assert.True(upward.Count == 0, $"{project} must not use {string.Join(", ", ours.Except(allowed).Where(n => n != project))}:\n" + string.Join("\n", upward));
    }

    [Theory]
    [InlineData("Analytics.Core")]
    [InlineData("Analytics.Output")]
    [InlineData("Analytics.Runs")]
    [InlineData("analytics")]
    public void Only_vision_touches_opencv_and_onnx_runtime(string project)
    {
        var native = References(ByName(project))
            .Where(r => r.To.Namespace is { } ns && (ns.StartsWith("OpenCvSharp", StringComparison.Ordinal) || ns.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal)))
            .Select(r => $"{r.From.FullName} -> {r.To.FullName}")
            .Distinct()
            .Take(10)
            .ToList();

        Assert.True(native.Count == 0, $"{project} uses OpenCV or ONNX Runtime directly:\n" + string.Join("\n", native));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_folders_of_a_project_form_no_cycle(string project)
    {
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (from, to) in References(ByName(project)))
        {
            if (from.Namespace is { } a && to.Namespace is { } b && a != b && to.Assembly == from.Assembly && a.StartsWith("Analytics", StringComparison.Ordinal))
            {
                var targets = edges.TryGetValue(a, out var t) ? t : edges[a] = new(StringComparer.Ordinal);
                targets.TryAdd(b, $"{from.FullName} -> {to.FullName}");
            }
        }

        var cycle = FindCycle(edges);

        Assert.True(cycle is null, $"folders of {project} depend on each other in a cycle:\n" + string.Join("\n", cycle ?? []));
    }

    [Fact]
    public void The_checks_see_a_cycle_when_there_is_one()
    {
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
        {
            ["A"] = new(StringComparer.Ordinal) { ["B"] = "a -> b" },
            ["B"] = new(StringComparer.Ordinal) { ["C"] = "b -> c" },
            ["C"] = new(StringComparer.Ordinal) { ["A"] = "c -> a" },
        };

        Assert.Equal(["a -> b", "b -> c", "c -> a"], FindCycle(edges)!.Order(StringComparer.Ordinal));
        Assert.Contains(References(Runs), r => r.From == typeof(RunOrchestrator) && r.To.Assembly == Vision);
    }

    private static Assembly ByName(string name) => new[] { Core, Vision, Output, Runs, Cli }.Single(a => a.GetName().Name == name);

    private static IEnumerable<(Type From, Type To)> References(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            // Compiler-generated nested types (lambdas, state machines) are their outer type's code.
            var owner = type;
            while (owner.DeclaringType is not null)
            {
                owner = owner.DeclaringType;
            }

            foreach (var referenced in TypeReferences.Of(type))
            {
                yield return (owner, referenced);
            }
        }
    }

    /// <summary>The edges of one cycle of the graph (namespace → namespace, with an example reference each), or null.</summary>
    private static List<string>? FindCycle(Dictionary<string, Dictionary<string, string>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the current path, 2: done
        var path = new List<string>();
        var vias = new List<string>(); // vias[k] leads from path[k] to path[k + 1]
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var (next, via) in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. vias.Skip(path.IndexOf(next)), via];
                }

                if (state.GetValueOrDefault(next) == 0)
                {
                    vias.Add(via);
                    if (Visit(next) is { } found)
                    {
                        return found;
                    }

                    vias.RemoveAt(vias.Count - 1);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return edges.Keys.Order(StringComparer.Ordinal).Where(n => state.GetValueOrDefault(n) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }
}
