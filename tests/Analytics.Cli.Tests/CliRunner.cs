using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests;

/// <summary>Runs the real command line in-process, with the repository's models.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        // Test inputs are written moments before the run: unless a test says otherwise, do not wait for them to settle.
        var settle = args.Length > 0 && args[0] == "analyse" && !args.Contains("--settle-seconds") ? new[] { "--settle-seconds", "0" } : [];
        var models = args.Contains("--models-dir") ? [] : new[] { "--models-dir", RepositoryPaths.ModelsDirectory };
        var all = args.Concat(settle).Concat(models).Concat(["--log-format", "json"]).ToArray();
        var exitCode = await Program.RunAsync(all, output, output, cancellationToken);
        return (exitCode, output.ToString());
    }

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs exactly <paramref name="args"/>, with nothing added (for command lines that are themselves the test).</summary>
    public static async Task<(int ExitCode, string Output)> RunExactlyAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await Program.RunAsync(args, output, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    public static string WriteJob(string directory, string cameras, string name = "job.json", bool retentionOverride = true, string extra = "") =>
        JobFiles.Write(directory, cameras, name, retentionOverride, extra);
}
