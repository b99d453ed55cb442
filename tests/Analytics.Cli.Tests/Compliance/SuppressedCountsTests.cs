using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Compliance;

/// <summary>
/// With small-cell suppression (<c>suppressBelow</c>), nothing <c>analyse</c> prints gives a count away: not the summary
/// on standard output, not the log on standard error, in text or JSON (which writes every property of a line, named in
/// its message or not). Through the real program and model on a two-second synthetic clip: what matters is what is
/// printed. (That no log line of a run with real crossings carries them: Analytics.Runs.Tests, RunComplianceTests;
/// run.json's totals: RunReportTests.)
/// </summary>
public sealed class SuppressedCountsTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly TemporaryFolder _folder = new("analytics-suppressed-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("text", true)]
    [InlineData("json", true)]
    [InlineData("text", false)]
    [InlineData("json", false)]
    public async Task With_suppression_neither_the_summary_nor_the_log_shows_a_crossing_count(string logFormat, bool suppressed)
    {
        var clip = SyntheticVideo.Write(_folder["clip.mp4"], seconds: 2);
        var job = CliRunner.WriteJob(_folder.Path, SampleCameras.Synthetic((clip, Morning)), extra: suppressed ? "\"suppressBelow\": 5," : "");

        var (exitCode, output) = await CliRunner.RunExactlyAsync(
            "analyse", "--job", job, "--out", _folder["out"], "--analysis-fps", "5", "--settle-seconds", "0", "--progress", "off",
            "--models-dir", RepositoryPaths.ModelsDirectory, "--log-format", logFormat);

        Assert.True(exitCode == 0, output);
        Assert.Contains(" 10 frames analysed (", output, StringComparison.Ordinal); // the file's log line is there either way
        if (suppressed)
        {
            Assert.Contains("  camera room: 1 file(s) (counts only in the outputs: small cells are suppressed)", output, StringComparison.Ordinal);
            Assert.DoesNotContain("crossing", output, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            // Without suppression the same places give the count (none cross in this clip): what the assertions above look for.
            Assert.Contains("  camera room: 0 line crossing(s) in 1 file(s)", output, StringComparison.Ordinal);
            Assert.Contains(logFormat == "json" ? "\"Crossings\":0" : ", 0 crossings", output, StringComparison.Ordinal);
        }
    }
}
