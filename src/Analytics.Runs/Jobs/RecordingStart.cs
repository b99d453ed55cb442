using System.Globalization;
using System.Text.RegularExpressions;

namespace Analytics.Runs.Jobs;

/// <summary>When a recording's first frame was shot, as a job gives it: an ISO-8601 time with its offset, or a date read from the file name.</summary>
public static class RecordingStart
{
    /// <summary>An ISO-8601 time with an explicit offset (or Z).</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        // An explicit offset (or Z) is required: a bare local time is ambiguous twice a year.
        var hasOffset = Regex.IsMatch(text, @"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.None, TimeSpan.FromSeconds(1));
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant) && hasOffset;
    }

    /// <summary>
    /// Reads the recording start from a file name with a .NET date format (<c>yyyy-MM-dd_HHmm</c>; literal text in
    /// quotes). Without an offset in the format, the time is the camera's local time; a time the clock shows twice
    /// (autumn change) is taken at its first passage, one it skips (spring change) is refused
    /// (<see cref="Analytics.Core.Time.LocalTimeResolver.FirstPassageOrRefuse"/>, which says why).
    /// </summary>
    public static bool TryParseFromName(string stem, string format, TimeZoneInfo timeZone, out DateTimeOffset start) =>
        ParseFromName(stem, format, timeZone, out start) is null;

    /// <summary>As <see cref="TryParseFromName"/>; returns why the name gives no start (null when it does).</summary>
    public static string? ParseFromName(string stem, string format, TimeZoneInfo timeZone, out DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(timeZone);
        start = default;
        var mismatch = $"file name '{stem}' does not match the format '{format}'";
        if (format.Contains('z', StringComparison.Ordinal) || format.Contains('K', StringComparison.Ordinal))
        {
            return DateTimeOffset.TryParseExact(stem, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out start) ? null : mismatch;
        }

        if (!DateTime.TryParseExact(stem, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return mismatch;
        }

        return Analytics.Core.Time.LocalTimeResolver.FirstPassageOrRefuse.TryResolve(wall, timeZone, out start)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"file name '{stem}' gives {wall:yyyy-MM-dd HH:mm}, a local time that does not exist in {timeZone.Id} (the clock skips it at the spring change): the recorder's clock or the name is wrong");
    }
}
