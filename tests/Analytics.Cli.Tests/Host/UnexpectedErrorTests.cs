using System.CommandLine;
using System.Text.Json;
using Analytics.Cli.Commands;
using Analytics.Cli.Host;

namespace Analytics.Cli.Tests.Host;

/// <summary>
/// An error no command expected (a bug) never reaches the user as a stack trace: one sentence, the details in a crash
/// report file, exit code 70; with <c>--log-format json</c> the sentence is a JSON line like the rest of the log.
/// </summary>
public sealed class UnexpectedErrorTests
{
    private static RootCommand RootWithBug()
    {
        var root = Program.BuildRootCommand();
        var bug = new Command("bug", "a command with a bug");
        bug.SetAction(_ => ((string?)null)!.Length);
        root.Subcommands.Add(bug);
        return root;
    }

    [Fact]
    public async Task A_bug_is_one_sentence_and_a_crash_report_never_a_stack_trace()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Program.RunAsync(RootWithBug(), ["bug"], output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.InternalError, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("analytics: an unexpected error stopped the command (NullReferenceException:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        var report = line[(line.IndexOf("the details are in ", StringComparison.Ordinal) + "the details are in ".Length)..line.IndexOf(": please send", StringComparison.Ordinal)];
        try
        {
            var details = await File.ReadAllTextAsync(report);
            Assert.Contains("command line: bug", details, StringComparison.Ordinal);
            Assert.Contains("System.NullReferenceException", details, StringComparison.Ordinal);
            Assert.Contains(" at ", details, StringComparison.Ordinal); // the stack trace is in the report
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task With_json_logs_a_bug_and_an_invalid_command_line_are_json_lines()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var bug = await Program.RunAsync(RootWithBug(), ["bug", "--log-format", "json"], output, error, CancellationToken.None);
        var invalid = await Program.RunAsync(RootWithBug(), ["analyse", "--frobnicate", "--log-format", "json"], output, error, CancellationToken.None);

        Assert.Equal((ExitCodes.InternalError, ExitCodes.InvalidInput), (bug, invalid));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3, error.ToString());
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal("Error", json.RootElement.GetProperty("@l").GetString());
        }

        Assert.Contains(lines, l => l.Contains("unexpected error stopped the command", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("--frobnicate", StringComparison.Ordinal));
        foreach (var crash in Directory.EnumerateFiles(Path.GetTempPath(), $"analytics-crash-*-{Environment.ProcessId}.txt"))
        {
            File.Delete(crash);
        }
    }
}
