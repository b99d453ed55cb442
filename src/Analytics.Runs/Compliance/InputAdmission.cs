using Analytics.Runs.Jobs;
using Analytics.Vision.Video;

namespace Analytics.Runs.Compliance;

/// <summary>
/// Whether an input may be analysed at all, before it is opened: footage past the job's retention period should
/// have been erased, and a file modified within the settle time may still be being written (analysis is
/// deferred-only). Streams, devices and pipes are refused earlier, when the job is loaded, and when a file is read.
/// </summary>
internal static class InputAdmission
{
    /// <summary>Clocks of recorders and servers disagree a little: a start this far ahead is tolerated.</summary>
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(1);

    /// <summary>Why <paramref name="input"/> is refused at <paramref name="now"/>, or null when it may be analysed.</summary>
    public static string? Refusal(Job job, JobInput input, TimeSpan settle, DateTimeOffset now)
    {
        if (RetentionPolicy.Refusal(job, input, now) is { } retention)
        {
            return retention;
        }

        // A recording cannot start after it was written: its start (given, or read from its name) is wrong, and its
        // statistics would land in bins that look real.
        var written = File.Exists(input.Path) ? DeferredInputPolicy.LastWritten(input.Path) : now;
        if (input.Start > now + FutureTolerance || input.Start > written + FutureTolerance)
        {
            return FormattableString.Invariant($"its recording start {input.Start:yyyy-MM-dd HH:mm zzz} is in the future of {(input.Start > now + FutureTolerance ? "this run" : "the file itself (last written " + written.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) + ")")}: the start given in the job, or read from the file name, is wrong");
        }

        try
        {
            DeferredInputPolicy.EnsureSettled(input.Path, settle, now);
            return null;
        }
        catch (InputRefusedException e)
        {
            return e.Reason;
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
