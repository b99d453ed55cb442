using System.Globalization;

namespace Analytics.Output.Reports;

/// <summary>
/// What each chart of a report plots, computed from the dataset's rows without drawing anything: one bar per bin
/// with footage (a bin without footage is a gap, never a zero), segments per class or vehicle type, and the hidden
/// (suppressed) values marked, never added in.
/// </summary>
public static class ReportCharts
{
    private static readonly string[] SeriesOrder = ["pedestrian", "cycle", "vehicle", "car", "motorcycle", "bus", "truck", "footage"];

    /// <summary>Where a series sits in a stack and a legend: classes first, then vehicle types.</summary>
    public static int SeriesRank(string series) => Array.IndexOf(SeriesOrder, series) is var i and >= 0 ? i : SeriesOrder.Length;

    /// <summary>Footage analysed per bin, as a percentage of the bin.</summary>
    public static BarChart Coverage(string camera, CameraTimeline timeline, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(text);
        var bars = timeline.Bins
            .Select(b => new StackedBar(timeline.Centre(b), timeline.Width(b), [new BarSegment("footage", Math.Round(100 * b.AnalysedSeconds / b.LengthSeconds, 2))], HasHidden: false))
            .ToList();
        return new BarChart(Format(text.CoverageChart, camera), text.LocalTime, text.PercentAnalysed, bars, timeline.Gaps, timeline.Ticks, timeline.XMin, timeline.XMax);
    }

    /// <summary>Crossings of one line in one direction per bin, stacked by class (vehicles by type).</summary>
    public static BarChart Crossings(string camera, string line, string direction, IEnumerable<BinRow> counts, CameraTimeline timeline, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = counts.Where(r => r.CameraId == camera && r.Key == line && r.Detail == direction);
        return PerBin(Format(text.CountsChart, camera, line, direction), text.LocalTime, text.CrossingsPerBin, rows, r => r.Start, r => r.Series, r => r.Count, r => r.Suppressed, timeline)
            with { WholeNumbers = true };
    }

    /// <summary>
    /// Crossings of all the camera's lines per hour of footage, by hour of the local day: for each hour, the crossings
    /// of the bins that start in it over the footage of those bins. An hour without footage is a gap. Null when bins
    /// are longer than an hour (an hour of day is then not a bin's).
    /// </summary>
    public static BarChart? DailyProfile(string camera, IEnumerable<BinRow> counts, CameraTimeline timeline, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(text);
        if (timeline.Bins.Any(b => b.LengthSeconds > 3600))
        {
            return null;
        }

        var footage = new double[24];
        foreach (var bin in timeline.Bins)
        {
            footage[bin.LocalStart.Hour] += bin.AnalysedSeconds;
        }

        var byHour = counts.Where(r => r.CameraId == camera).GroupBy(r => r.LocalStart.Hour).ToDictionary(g => g.Key, g => g.ToList());
        var bars = new List<StackedBar>();
        var gaps = new List<FootageGap>();
        for (var hour = 0; hour < 24; hour++)
        {
            if (footage[hour] <= 0)
            {
                if (gaps.Count > 0 && gaps[^1].End == hour)
                {
                    gaps[^1] = gaps[^1] with { End = hour + 1 };
                }
                else
                {
                    gaps.Add(new FootageGap(hour, hour + 1));
                }

                continue;
            }

            var rows = byHour.GetValueOrDefault(hour) ?? [];
            var perHour = 3600 / footage[hour];
            bars.Add(new StackedBar(hour + 0.5, 0.8, Segments(rows, r => r.Series, r => r.Count, perHour), rows.Any(r => r.Suppressed))
            {
                Footage = footage[hour] < 3600 ? FootageText(footage[hour]) : null,
            });
        }

        var ticks = Enumerable.Range(0, 9).Select(i => new AxisTick(i * 3, (i * 3).ToString("00", CultureInfo.InvariantCulture) + "h")).ToList();
        return new BarChart(Format(text.DailyProfileChart, camera), text.HourOfDay, text.CrossingsPerHour, bars, gaps, ticks, 0, 24);
    }

    /// <summary>A zone's time-weighted mean number inside per bin, stacked by class, with each class's maximum as a marker.</summary>
    public static BarChart ZoneOccupancy(string camera, string zone, IEnumerable<ZoneRow> zones, CameraTimeline timeline, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(text);
        var rows = zones.Where(r => r.CameraId == camera && r.ZoneId == zone).ToList();
        var chart = PerBin(Format(text.ZoneOccupancyChart, camera, zone), text.LocalTime, text.NumberInside, rows, r => r.Start, r => r.Series, r => r.MeanCount, r => r.MaxCount is null, timeline);
        var centres = timeline.Bins.ToDictionary(b => b.Start, timeline.Centre);
        var markers = rows
            .Where(r => r.MaxCount is > 0 && centres.ContainsKey(r.Start))
            .Select(r => new PointMarker(centres[r.Start], r.MaxCount!.Value, r.Series))
            .ToList();
        return chart with { Markers = markers };
    }

    /// <summary>A zone's entries per bin, stacked by class.</summary>
    public static BarChart ZoneEntries(string camera, string zone, IEnumerable<ZoneRow> zones, CameraTimeline timeline, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = zones.Where(r => r.CameraId == camera && r.ZoneId == zone);
        return PerBin(Format(text.ZoneEntriesChart, camera, zone), text.LocalTime, text.Entries, rows, r => r.Start, r => r.Series, r => r.Entries, r => r.Entries is null, timeline)
            with { WholeNumbers = true };
    }

    /// <summary>The camera's origin–destination totals over every bin and class; null with fewer than two lines.</summary>
    public static MatrixChart? OriginDestination(string camera, IEnumerable<BinRow> trips, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = trips.Where(r => r.CameraId == camera).ToList();
        var lines = rows.SelectMany(r => new[] { r.Key, r.Detail }).Distinct().ToList(); // the job's order of lines
        if (lines.Count < 2)
        {
            return null;
        }

        var values = new double?[lines.Count, lines.Count];
        var hidden = new bool[lines.Count, lines.Count];
        foreach (var r in rows)
        {
            var (from, to) = (lines.IndexOf(r.Key), lines.IndexOf(r.Detail));
            values[from, to] = (values[from, to] ?? 0) + (r.Count ?? 0);
            hidden[from, to] |= r.Suppressed;
        }

        return new MatrixChart(Format(text.OriginDestinationChart, camera), lines, values, hidden);
    }

    /// <summary>One bar per bin with footage, its segments the rows of that bin summed per series (hidden values left out and marked).</summary>
    private static BarChart PerBin<T>(
        string title, string xLabel, string yLabel, IEnumerable<T> rows, Func<T, DateTime> start, Func<T, string> series, Func<T, double?> value, Func<T, bool> hidden, CameraTimeline timeline)
    {
        var byBin = rows.GroupBy(start).ToDictionary(g => g.Key, g => g.ToList());
        var bars = timeline.Bins.Select(bin =>
        {
            var binRows = byBin.GetValueOrDefault(bin.Start) ?? [];
            return new StackedBar(timeline.Centre(bin), timeline.Width(bin), Segments(binRows, series, value, 1), binRows.Any(hidden))
            {
                Footage = bin.AnalysedSeconds < bin.LengthSeconds ? FootageText(bin.AnalysedSeconds) : null,
            };
        }).ToList();
        return new BarChart(title, xLabel, yLabel, bars, timeline.Gaps, timeline.Ticks, timeline.XMin, timeline.XMax);
    }

    private static List<BarSegment> Segments<T>(IEnumerable<T> rows, Func<T, string> series, Func<T, double?> value, double scale) =>
        [.. rows
            .GroupBy(series)
            .Select(g => new BarSegment(g.Key, g.Sum(r => value(r) ?? 0) * scale))
            .Where(s => s.Value > 0)
            .OrderBy(s => SeriesRank(s.Series))
            .ThenBy(s => s.Series, StringComparer.Ordinal)];

    /// <summary>A duration of footage in the units a reader takes in at a glance: 30 s, 12 min, 2.5 h.</summary>
    public static string FootageText(double seconds) => seconds switch
    {
        < 59.5 => Math.Round(seconds).ToString("0", CultureInfo.InvariantCulture) + " s",
        < 3570 => Math.Round(seconds / 60).ToString("0", CultureInfo.InvariantCulture) + " min",
        _ => (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " h",
    };

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
