using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Analysis;

/// <summary>
/// A job file the run may not read is an invalid job (exit code 2) said in one sentence, never an exception. Only a
/// child process can be denied a file: permissions do not bind root, which these tests may run as, so the child then
/// runs as the unprivileged user "nobody" (as in State/BadInputTests). A folder, an empty or a missing job file:
/// Analytics.Runs.Tests, Jobs/JobFileShapeTests.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UnreadableJobTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly TemporaryFolder _folder = new("analytics-unreadable-job-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("the file has no read permission")]
    [InlineData("its folder cannot be entered")]
    public async Task A_job_file_that_cannot_be_read_is_refused_with_exit_code_2_and_says_so(string why)
    {
        var clip = SyntheticVideo.Write(_folder["clip.mp4"], seconds: 2);
        var folder = Directory.CreateDirectory(_folder["jobs"]).FullName;
        var job = CliRunner.WriteJob(folder, SampleCameras.Synthetic((clip, Morning)));
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)0b111_111_111);
        var denied = why == "the file has no read permission" ? job : folder;
        var mode = File.GetUnixFileMode(denied);
        File.SetUnixFileMode(denied, UnixFileMode.None);
        var wrapper = Environment.UserName == "root" ? new[] { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups" } : null;
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await CliProcess.RunAsync(["analyse", "--job", job, "--out", _folder["out"]], wrapper);
        }
        finally
        {
            File.SetUnixFileMode(denied, mode);
        }

        Assert.True(exitCode == 2, $"exit {exitCode}: {output}");
        Assert.Contains($"{job}: the job file cannot be read", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", output, StringComparison.Ordinal); // it is there: the run may not read it
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\n   at ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]));
    }
}
