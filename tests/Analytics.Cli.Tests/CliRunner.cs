using System.CommandLine;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests;

/// <summary>Runs the real command line in-process, with the repository's models.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        var all = args.Concat(["--models-dir", RepositoryPaths.ModelsDirectory, "--log-format", "json"]).ToArray();
        var exitCode = await Program.BuildRootCommand().Parse(all).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
        return (exitCode, output.ToString());
    }

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Writes a job file with the accountability fields filled in and <paramref name="cameras"/> as its cameras array.</summary>
    public static string WriteJob(string directory, string cameras, string name = "job.json")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, $$"""
            {
              "purpose": "Statistical count of visitors (test)",
              "legalBasis": "Public-interest task, GDPR art. 6(1)(e)",
              "controller": "Test municipality",
              "decisionReference": "Test decision 2026-1",
              "cameras": {{cameras}}
            }
            """);
        return path;
    }
}
