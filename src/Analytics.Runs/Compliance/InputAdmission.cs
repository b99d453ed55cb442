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
    /// <summary>Why <paramref name="input"/> is refused at <paramref name="now"/>, or null when it may be analysed.</summary>
    public static string? Refusal(Job job, JobInput input, TimeSpan settle, DateTimeOffset now)
    {
        if (RetentionPolicy.Refusal(job, input, now) is { } retention)
        {
            return retention;
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
