using Analytics.Runs.Jobs;

namespace Analytics.Runs.Compliance;

/// <summary>
/// Footage is kept for a limited time (30 days by default, the job's <c>retentionDays</c>); footage older than that
/// should have been erased and is refused, unless the job records why it may be analysed (<c>retentionOverride</c>),
/// which goes into the audit log.
/// </summary>
internal static class RetentionPolicy
{
    /// <summary>Why <paramref name="input"/> is refused, or null when it may be analysed at <paramref name="now"/>.</summary>
    public static string? Refusal(Job job, JobInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(input);
        var age = now - input.Start;
        if (age <= TimeSpan.FromDays(job.RetentionDays) || job.RetentionOverrideReason is not null)
        {
            return null;
        }

        return FormattableString.Invariant(
            $"recorded {input.Start:yyyy-MM-dd HH:mm zzz}, {age.TotalDays:0} days ago, beyond the {job.RetentionDays}-day retention period: such footage should have been erased, so it is refused (a job may give \"retentionOverride\": {{\"reason\": ...}}, which is recorded in the audit log)");
    }
}
