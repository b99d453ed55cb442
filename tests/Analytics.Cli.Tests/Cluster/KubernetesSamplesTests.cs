using System.Diagnostics;
using Analytics.Runs.Sharding;
using Analytics.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace Analytics.Cli.Tests.Cluster;

/// <summary>
/// The Kubernetes samples, rendered by their render.sh for a shard count and read back as YAML: the fields that make
/// the shards the shards (indexed completion, parallelism, the shard environment) and the volumes (the archive
/// read-only), and the merge given exactly the shards' state folders.
/// </summary>
public sealed class KubernetesSamplesTests
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples", "cluster", "kubernetes");

    [Fact]
    public void The_indexed_job_runs_one_pod_per_shard_with_the_shard_environment_and_the_archive_read_only()
    {
        var job = Render("shards", shards: 6);

        Assert.Equal("Job", Text(job, "kind"));
        var spec = Map(job, "spec");
        Assert.Equal(("Indexed", "6", "6"), (Text(spec, "completionMode"), Text(spec, "completions"), Text(spec, "parallelism")));
        var pod = Map(Map(spec, "template"), "spec");
        Assert.Equal("Never", Text(pod, "restartPolicy"));
        Assert.Equal("true", Text(Map(pod, "securityContext"), "runAsNonRoot"));
        var container = (YamlMappingNode)Seq(pod, "containers").Single();
        Assert.Equal("registry.example.org/analytics:1.0", Text(container, "image"));
        var args = Seq(container, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Equal("auto", args[args.IndexOf("--shard") + 1]);
        Assert.Equal("/states/shard-$(JOB_COMPLETION_INDEX)", args[args.IndexOf("--state") + 1]);
        var env = Seq(container, "env").Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name"));
        Assert.Equal("6", Text(env[ShardSpec.CountVariable], "value"));
        Assert.Equal("metadata.labels['batch.kubernetes.io/controller-uid']", Text(Map(Map(env[ShardSpec.BatchVariable], "valueFrom"), "fieldRef"), "fieldPath"));
        Assert.Equal(("1", "512Mi"), (Text(Map(Map(container, "resources"), "requests"), "cpu"), Text(Map(Map(container, "resources"), "limits"), "memory")));
        AssertArchiveReadOnly(pod, container);
    }

    [Fact]
    public void The_merge_job_reads_exactly_the_states_of_the_shards_and_the_archive_read_only()
    {
        var job = Render("merge", shards: 3);

        var pod = Map(Map(Map(job, "spec"), "template"), "spec");
        var container = (YamlMappingNode)Seq(pod, "containers").Single();
        var args = Seq(container, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Equal("merge", args[0]);
        Assert.Equal(["/states/shard-0", "/states/shard-1", "/states/shard-2"], args.Skip(args.IndexOf("--states") + 1).ToList());
        Assert.Equal("/out", args[args.IndexOf("--out") + 1]);
        AssertArchiveReadOnly(pod, container);
    }

    [Fact]
    public void Rendering_refuses_a_shard_count_that_is_not_a_positive_number()
    {
        var (code, _, error) = RunRender("shards", "0");
        Assert.Equal(2, code);
        Assert.Contains("SHARDS must be a positive whole number", error, StringComparison.Ordinal);
    }

    private static void AssertArchiveReadOnly(YamlMappingNode pod, YamlMappingNode container)
    {
        var mount = Seq(container, "volumeMounts").Cast<YamlMappingNode>().Single(m => Text(m, "name") == "archive");
        Assert.Equal(("/archive", "true"), (Text(mount, "mountPath"), Text(mount, "readOnly")));
        var volume = Seq(pod, "volumes").Cast<YamlMappingNode>().Single(v => Text(v, "name") == "archive");
        Assert.Equal("true", Text(Map(volume, "persistentVolumeClaim"), "readOnly"));
    }

    private static YamlMappingNode Render(string what, int shards)
    {
        var (code, yaml, error) = RunRender(what, shards.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, error);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static (int Code, string Output, string Error) RunRender(string what, string shards)
    {
        var start = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(Samples, "render.sh"), what }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["SHARDS"] = shards;
        start.Environment["IMAGE"] = "registry.example.org/analytics:1.0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Seq(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
}
