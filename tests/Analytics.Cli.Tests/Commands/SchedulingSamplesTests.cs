using System.CommandLine;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Commands;

/// <summary>The scheduling samples run commands this version accepts, with the nightly options a scheduler needs.</summary>
public sealed class SchedulingSamplesTests
{
    public static TheoryData<string> Samples => new() { "analytics-nightly.service", "analytics.cron" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_sample_runs_a_valid_nightly_analyse_command_with_json_logs(string sample)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "scheduling", sample));
        var line = Assert.Single(text.Split('\n'), l => !l.StartsWith('#') && l.Contains("analytics analyse", StringComparison.Ordinal));
        var command = line[(line.IndexOf("analytics analyse", StringComparison.Ordinal) + "analytics ".Length)..].Split(" >", 2)[0];
        var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var parse = Program.BuildRootCommand().Parse(arguments);

        Assert.Empty(parse.Errors);
        Assert.Equal("analyse", parse.CommandResult.Command.Name);
        foreach (var option in new[] { "--state", "--log-format", "--job", "--out" })
        {
            Assert.Contains(option, arguments);
        }

        Assert.Equal("json", arguments[Array.IndexOf(arguments, "--log-format") + 1]);
    }

    [Fact]
    public void The_service_treats_a_busy_state_as_success_and_the_timer_catches_up_missed_nights()
    {
        var service = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "scheduling", "analytics-nightly.service"));
        var timer = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "scheduling", "analytics-nightly.timer"));

        Assert.Contains($"SuccessExitStatus={ExitCodes.StateLocked}", service, StringComparison.Ordinal);
        Assert.Contains("Persistent=true", timer, StringComparison.Ordinal);
        Assert.Contains("OnCalendar=", timer, StringComparison.Ordinal);
    }
}
