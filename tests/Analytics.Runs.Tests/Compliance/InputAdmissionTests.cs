using Analytics.Runs.Compliance;
using Analytics.Runs.Jobs;
using Analytics.Runs.Tests.Support;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Compliance;

/// <summary>
/// Whether an input may be analysed, before it is opened: footage past the retention period should have been erased
/// (unless the job records why it may be analysed), and a file modified within the settle time may still be being written.
/// </summary>
public sealed class InputAdmissionTests : IDisposable
{
    /// <summary>The moment of every decision here: the recordings' ages are counted back from it.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 30, 12, 0, 0, TimeSpan.FromHours(1));

    private readonly TemporaryFolder _folder = new("analytics-admission-");

    public void Dispose() => _folder.Dispose();

    private static (Job Job, JobInput Input) Recorded(double daysAgo, int retentionDays = 30, string? overrideReason = null, string path = "/archive/a.mp4")
    {
        var job = TestJobs.Job(cameras: TestJobs.Room([(path, Now.AddDays(-daysAgo))])) with { RetentionDays = retentionDays, RetentionOverrideReason = overrideReason };
        return (job, job.Cameras[0].Inputs[0]);
    }

    public static TheoryData<double, int, string?, bool> Ages => new()
    {
        // days ago, retention days, override reason, refused?
        { 1, 30, null, false },
        { 29.9, 30, null, false },
        { 30, 30, null, false },          // on the last day of its period
        { 30.1, 30, null, true },
        { 16, 15, null, true },
        { 400, 30, "Published sample footage used for software tests", false },
    };

    [Theory]
    [MemberData(nameof(Ages))]
    public void Footage_past_the_retention_period_is_refused_unless_the_job_says_why_it_may_be_analysed(double daysAgo, int retentionDays, string? overrideReason, bool refused)
    {
        var (job, input) = Recorded(daysAgo, retentionDays, overrideReason);

        Assert.Equal(refused, RetentionPolicy.Refusal(job, input, Now) is not null);
    }

    [Fact]
    public void A_retention_refusal_says_when_the_footage_was_recorded_and_what_would_let_it_through()
    {
        var (job, input) = Recorded(40);

        Assert.Equal(
            "recorded 2026-11-20 12:00 +01:00, 40 days ago, beyond the 30-day retention period: such footage should have been erased, so it is refused " +
            "(a job may give \"retentionOverride\": {\"reason\": ...}, which is recorded in the audit log)",
            RetentionPolicy.Refusal(job, input, Now));
    }

    public static TheoryData<double, double, string?> Settling => new()
    {
        // seconds since the file was modified, settle seconds, refusal
        { 10, 60, "was modified 10 s ago and may still be being written; analysis is deferred-only (inputs must be unchanged for 60 s)" },
        { 59, 60, "was modified 59 s ago and may still be being written; analysis is deferred-only (inputs must be unchanged for 60 s)" },
        { 60, 60, null },
        { 3600, 600, null },
        { 0, 0, null },
    };

    [Theory]
    [MemberData(nameof(Settling))]
    public void A_file_modified_within_the_settle_time_is_refused_as_possibly_still_being_written(double secondsAgo, double settle, string? refusal)
    {
        var path = _folder.Touch("recording.mp4");
        File.SetLastWriteTimeUtc(path, Now.UtcDateTime.AddSeconds(-secondsAgo));
        var (job, input) = Recorded(1, path: path);

        Assert.Equal(refusal, InputAdmission.Refusal(job, input, TimeSpan.FromSeconds(settle), Now));
    }

    public static TheoryData<double, double, bool, string?> StartsAgainstTheFile => new()
    {
        // hours before now the file was last written, hours before now its recording starts, read through a link made now, refusal
        { 48, 24, false, "its recording start 2026-12-29 12:00 +01:00 is in the future of the file itself (last written 2026-12-28 11:00 UTC): the start given in the job, or read from the file name, is wrong" },
        { 48, 47.5, false, null },  // half an hour after the file's last write: within the clocks' tolerance
        { 48, 49, false, null },
        { 48, 24, true, "its recording start 2026-12-29 12:00 +01:00 is in the future of the file itself (last written 2026-12-28 11:00 UTC): the start given in the job, or read from the file name, is wrong" },
    };

    [Theory]
    [MemberData(nameof(StartsAgainstTheFile))]
    public void A_recording_that_starts_more_than_an_hour_after_its_file_was_last_written_is_refused(double writtenHoursAgo, double startHoursAgo, bool throughLink, string? refusal)
    {
        var path = _folder.Touch("recording.mp4");
        File.SetLastWriteTimeUtc(path, Now.UtcDateTime.AddHours(-writtenHoursAgo));
        if (throughLink)
        {
            // The job names a link made just now (touch -h dates the link itself, not the file it names): the
            // recording's time is the file's, not the link's.
            var link = _folder["link.mp4"];
            File.CreateSymbolicLink(link, path);
            using (var touch = System.Diagnostics.Process.Start("touch", ["-h", "-d", $"@{Now.ToUnixTimeSeconds()}", link]))
            {
                touch.WaitForExit();
                Assert.Equal(0, touch.ExitCode);
            }

            path = link;
        }

        var job = TestJobs.Job(cameras: TestJobs.Room([(path, Now.AddHours(-startHoursAgo))]));

        Assert.Equal(refusal, InputAdmission.Refusal(job, job.Cameras[0].Inputs[0], TimeSpan.Zero, Now));
    }

    [Fact]
    public void Retention_is_decided_before_settling()
    {
        var path = _folder.Touch("recording.mp4");
        File.SetLastWriteTimeUtc(path, Now.UtcDateTime);
        var (job, input) = Recorded(40, path: path);

        Assert.StartsWith("recorded 2026-11-20 12:00 +01:00, 40 days ago, beyond the 30-day retention period", InputAdmission.Refusal(job, input, TimeSpan.FromSeconds(60), Now), StringComparison.Ordinal);
    }
}
