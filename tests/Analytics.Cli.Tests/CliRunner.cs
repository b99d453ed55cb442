using System.CommandLine;
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
        var all = args.Concat(settle).Concat(["--models-dir", RepositoryPaths.ModelsDirectory, "--log-format", "json"]).ToArray();
        var exitCode = await Program.BuildRootCommand().Parse(all).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
        return (exitCode, output.ToString());
    }

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>
    /// Writes a job file with the accountability fields filled in and <paramref name="cameras"/> as its cameras array.
    /// The sample footage has fixed, nominal dates that age past the retention period: unless a test is about
    /// retention, the job records why it may still be analysed.
    /// </summary>
    public static string WriteJob(string directory, string cameras, string name = "job.json", bool retentionOverride = true, string extra = "")
    {
        var path = Path.Combine(directory, name);
        var retention = retentionOverride ? "\"retentionOverride\": { \"reason\": \"Published sample footage used for software tests\" }," : "";
        File.WriteAllText(path, $$"""
            {
              "purpose": "Statistical count of visitors (test)",
              "legalBasis": "Public-interest task, GDPR art. 6(1)(e)",
              "controller": "Test municipality",
              "decisionReference": "Test decision 2026-1",
              {{retention}}
              {{extra}}
              "cameras": {{cameras}}
            }
            """);
        return path;
    }
}
