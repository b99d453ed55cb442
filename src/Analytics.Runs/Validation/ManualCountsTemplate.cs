using Analytics.Core.Objects;
using Analytics.Runs.Jobs;
using Analytics.Vision.Video;

namespace Analytics.Runs.Validation;

/// <summary>
/// A manual-counts file to fill in: the header of counts.csv and, for every bin of footage of each camera (from
/// its recordings' announced durations), one row per line, direction and class with the count left blank. Vehicles
/// get one row for all types together; a person counting the types writes one row per type instead.
/// </summary>
public static class ManualCountsTemplate
{
    /// <summary>Writes the template; returns what could not be included (recordings that cannot be opened), one sentence each.</summary>
    public static IReadOnlyList<string> Write(Job job, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(string.Join(',', CountsFile.Columns) + "\n");
        var warnings = new List<string>();
        foreach (var camera in job.Cameras)
        {
            var binning = camera.Binned(job.BinMinutes).Binning;
            var bins = new SortedDictionary<DateTimeOffset, Core.Aggregation.TimeBin>();
            foreach (var input in camera.Inputs)
            {
                try
                {
                    using var reader = VideoReader.Open(input.Path, input.Start);
                    var end = input.Start + (reader.AnnouncedDuration ?? TimeSpan.FromTicks(1));
                    foreach (var bin in binning.BinsOverlapping(input.Start, end))
                    {
                        bins.TryAdd(bin.Start, bin);
                    }
                }
                catch (Exception e) when (e is VideoDecodeException or InputRefusedException)
                {
                    warnings.Add($"{input.Path}: left out of the template: {e.Message}");
                }
            }

            foreach (var bin in bins.Values)
            {
                foreach (var line in camera.Lines)
                {
                    foreach (var direction in new[] { line.ForwardName, line.BackwardName })
                    {
                        foreach (var objectClass in new[] { ObjectClass.Pedestrian, ObjectClass.Cycle, ObjectClass.Vehicle })
                        {
                            output.Write(CountsFile.Line(new CountKey(camera.Id, line.Id, direction, ObjectClassNames.Of(objectClass), ""), bin, null) + "\n");
                        }
                    }
                }
            }
        }

        return warnings;
    }
}
