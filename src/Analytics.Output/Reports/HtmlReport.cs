using System.Globalization;
using System.Text;

namespace Analytics.Output.Reports;

/// <summary>
/// Lays a report out as one self-contained HTML page: inline style, every chart embedded as a data URI, no script,
/// font or request outside the file, so it opens on an isolated machine. Sections: accountability, suppression,
/// inputs, validation, then per camera coverage, line crossings, the daily profile, zones and origin–destination.
/// </summary>
public sealed class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; line-height: 1.4; }
        h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #4C72B0; padding-bottom: 4px; margin-top: 1.6em; }
        h3 { margin-top: 1.3em; } table { border-collapse: collapse; margin: 0.5em 0; } td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f0f3f8; } td.num { text-align: right; font-variant-numeric: tabular-nums; } code { font-size: 0.9em; word-break: break-all; }
        figure { margin: 0.8em 0; } figure img { max-width: 100%; border: 1px solid #ddd; } figcaption { font-size: 0.9em; color: #555; }
        .note { color: #555; font-size: 0.95em; } .warn { background: #fff4e5; border-left: 4px solid #f0a020; padding: 6px 10px; }
        """;

    private readonly StringBuilder _html = new();
    private readonly List<RenderedChart> _charts = [];
    private readonly ReportText _text;

    private HtmlReport(ReportText text) => _text = text;

    /// <summary>The HTML page and the charts it embeds (to be written beside it as PNG files).</summary>
    public static (string Html, IReadOnlyList<RenderedChart> Charts) Render(ReportDataset dataset, RunFacts run, ValidationFacts? validation, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(text);
        var report = new HtmlReport(text);
        report.Write(dataset, run, validation);
        return (report._html.ToString(), report._charts);
    }

    /// <summary>Text as HTML (attributes are always double-quoted): &amp;, &lt;, &gt; and " escaped, every other character (é, –, ') kept as it is in UTF-8.</summary>
    private static string E(string? text) => (text ?? "")
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string F(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    private static string Percent(double? share) => share is { } s ? (100 * s).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Duration(double seconds) =>
        seconds < 3600
            ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"m\ \m\i\n\ s\ \s", CultureInfo.InvariantCulture)
            : (seconds / 3600).ToString("0.0", CultureInfo.InvariantCulture) + " h";

    private void Write(ReportDataset dataset, RunFacts run, ValidationFacts? validation)
    {
        _html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{_text.Code}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{E(_text.Title)} – {E(run.Purpose)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n");
        _html.Append(CultureInfo.InvariantCulture, $"<h1>{E(_text.Title)}</h1>\n<p><strong>{E(run.Purpose)}</strong></p>\n");
        _html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(_text.Generated)} {E(run.Software)}. {E(_text.StatisticsOnly)}</p>\n");
        WriteAccountability(run);
        WriteSuppression(dataset, run);
        WriteInputs(run);
        if (validation is not null)
        {
            WriteValidation(validation, dataset.HasSuppressedCells);
        }

        foreach (var camera in dataset.Cameras)
        {
            WriteCamera(camera, dataset, run);
        }

        _html.Append("</body>\n</html>\n");
    }

    private void WriteAccountability(RunFacts run)
    {
        _html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"accountability\">{E(_text.Accountability)}</h2>\n<table>\n");
        Row(_text.Purpose, E(run.Purpose));
        Row(_text.LegalBasis, E(run.LegalBasis));
        Row(_text.Controller, E(run.Controller));
        Row(_text.Decision, E(run.Decision));
        Row(_text.Model, E(run.ModelId));
        Row(_text.ModelSha, $"<code>{E(run.ModelSha256)}</code>");
        Row(_text.Settings, E(string.Join(", ", run.Settings.Select(s => $"{s.Name} = {s.Value}"))));
        Row(_text.JobSha, $"<code>{E(run.JobSha256)}</code>");
        Row(_text.Software, E(run.Software));
        Row(_text.SchemaVersion, E(Tables.DatasetSchema.Version.ToString(CultureInfo.InvariantCulture)));
        Row(_text.AuditHash, run.LastAuditHash is { } hash ? $"<code>{E(hash)}</code>" : E(_text.AuditMissing));
        _html.Append("</table>\n");
    }

    private void Row(string name, string html) => _html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(name)}</th><td>{html}</td></tr>\n");

    private void WriteSuppression(ReportDataset dataset, RunFacts run)
    {
        _html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"suppression\">{E(_text.Suppression)}</h2>\n");
        if (run.SuppressBelow is { } k)
        {
            var hidden = dataset.Counts.Count(r => r.Suppressed) + dataset.Trips.Count(r => r.Suppressed) + dataset.Zones.Count(r => r.Suppressed);
            _html.Append(CultureInfo.InvariantCulture, $"<p>{E(F(_text.SuppressionRule, k - 1, k, hidden))}</p>\n");
        }
        else
        {
            _html.Append(CultureInfo.InvariantCulture, $"<p>{E(_text.NoSuppression)}</p>\n");
        }
    }

    private void WriteInputs(RunFacts run)
    {
        _html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"inputs\">{E(_text.Inputs)}</h2>\n");
        if (run.Problems.Count == 0)
        {
            _html.Append(CultureInfo.InvariantCulture, $"<p>{E(F(_text.AllInputsOk, run.InputCount))}</p>\n");
            return;
        }

        _html.Append(CultureInfo.InvariantCulture, $"<p class=\"warn\">{E(F(_text.InputsProblems, run.Problems.Count, run.InputCount))}</p>\n<table>\n");
        _html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(_text.Camera)}</th><th>{E(_text.File)}</th><th>{E(_text.Status)}</th><th>{E(_text.Reason)}</th></tr>\n");
        foreach (var problem in run.Problems)
        {
            _html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(problem.CameraId)}</td><td><code>{E(problem.Path)}</code></td><td>{E(problem.Status)}</td><td>{E(problem.Error)}</td></tr>\n");
        }

        _html.Append("</table>\n");
    }

    private void WriteValidation(ValidationFacts validation, bool hiddenCells)
    {
        _html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"validation\">{E(_text.Validation)}</h2>\n");
        if (hiddenCells)
        {
            // The tool's totals and errors beside the truth would give the hidden counts away.
            _html.Append(CultureInfo.InvariantCulture, $"<p class=\"warn\">{E(_text.ValidationHidden)}</p>\n");
            return;
        }

        _html.Append("<table>\n");
        Row(_text.Truth, E(validation.Truth));
        Row(_text.ComparedBins, E(validation.ComparedBins.ToString(CultureInfo.InvariantCulture)));
        Row($"{_text.ToolTotal} / {_text.TruthTotal}", E(F("{0} / {1}", validation.ToolTotal, validation.TruthTotal)));
        Row(_text.TotalAbsError, E(Percent(validation.TotalAbsoluteError)));
        Row(_text.Mape, E(Percent(validation.Mape)));
        Row(_text.GehShare, E(Percent(validation.GehShareBelow5)));
        _html.Append("</table>\n<table>\n");
        _html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(_text.Camera)}</th><th>{E(_text.Line)}</th><th>{E(_text.Direction)}</th><th>{E(_text.Class)}</th><th>{E(_text.ToolTotal)}</th><th>{E(_text.TruthTotal)}</th><th>{E(_text.Error)}</th></tr>\n");
        foreach (var r in validation.Rows.Where(r => r.Tool != 0 || r.Truth != 0))
        {
            _html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Camera)}</td><td>{E(r.Line)}</td><td>{E(r.Direction)}</td><td>{E(r.Class)}</td><td class=\"num\">{r.Tool}</td><td class=\"num\">{r.Truth}</td><td class=\"num\">{r.Tool - r.Truth:+0;-0;0}</td></tr>\n");
        }

        _html.Append("</table>\n");
        if (validation.Notes.Count > 0)
        {
            _html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(_text.Notes)}:</p>\n<ul>\n");
            foreach (var note in validation.Notes)
            {
                _html.Append(CultureInfo.InvariantCulture, $"<li class=\"note\">{E(note)}</li>\n");
            }

            _html.Append("</ul>\n");
        }
    }

    private void WriteCamera(string camera, ReportDataset dataset, RunFacts run)
    {
        var timeline = new CameraTimeline([.. dataset.Coverage.Where(c => c.CameraId == camera)]);
        var zone = run.TimeZones.TryGetValue(camera, out var tz) ? $" ({_text.TimeZone} {tz})" : "";
        _html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"camera-{E(camera)}\">{E(F(_text.CameraSection, camera))}{E(zone)}</h2>\n");

        _html.Append(CultureInfo.InvariantCulture, $"<h3>{E(_text.Coverage)}</h3>\n");
        var bins = timeline.Bins;
        var format = bins.Select(b => b.LocalStart.Date).Distinct().Count() == 1 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm";
        var lastEnd = bins[^1].LocalStart + (bins[^1].End - bins[^1].Start);
        _html.Append(CultureInfo.InvariantCulture, $"<p>{E(F(_text.CoverageSummary, bins.Count, Duration(bins.Sum(b => b.AnalysedSeconds)), bins[0].LocalStart.ToString(format, CultureInfo.InvariantCulture), lastEnd.ToString(format, CultureInfo.InvariantCulture), timeline.Gaps.Count))}</p>\n");
        Figure(camera, "coverage", ReportCharts.Coverage(camera, timeline, _text));

        _html.Append(CultureInfo.InvariantCulture, $"<h3>{E(_text.Counts)}</h3>\n");
        var lines = dataset.Counts.Where(r => r.CameraId == camera).Select(r => (r.Key, r.Detail)).Distinct().ToList();
        if (lines.Count == 0)
        {
            _html.Append(CultureInfo.InvariantCulture, $"<p>{E(_text.NoLines)}</p>\n");
        }

        foreach (var (line, direction) in lines)
        {
            Figure(camera, $"counts-{line}-{direction}", ReportCharts.Crossings(camera, line, direction, dataset.Counts, timeline, _text));
        }

        _html.Append(CultureInfo.InvariantCulture, $"<h3>{E(_text.DailyProfile)}</h3>\n");
        if (lines.Count == 0)
        {
            _html.Append(CultureInfo.InvariantCulture, $"<p>{E(_text.NoLines)}</p>\n");
        }
        else if (ReportCharts.DailyProfile(camera, dataset.Counts, timeline, _text) is { } profile)
        {
            Figure(camera, "daily-profile", profile);
        }
        else
        {
            _html.Append(CultureInfo.InvariantCulture, $"<p>{E(_text.DailyProfileTooLong)}</p>\n");
        }

        _html.Append(CultureInfo.InvariantCulture, $"<h3>{E(_text.Zones)}</h3>\n");
        var zones = dataset.Zones.Where(r => r.CameraId == camera).Select(r => r.ZoneId).Distinct().ToList();
        if (zones.Count == 0)
        {
            _html.Append(CultureInfo.InvariantCulture, $"<p>{E(_text.NoZones)}</p>\n");
        }

        foreach (var id in zones)
        {
            Figure(camera, $"zone-{id}-occupancy", ReportCharts.ZoneOccupancy(camera, id, dataset.Zones, timeline, _text));
            Figure(camera, $"zone-{id}-entries", ReportCharts.ZoneEntries(camera, id, dataset.Zones, timeline, _text));
        }

        _html.Append(CultureInfo.InvariantCulture, $"<h3>{E(_text.OriginDestination)}</h3>\n");
        if (ReportCharts.OriginDestination(camera, dataset.Trips, _text) is { } matrix)
        {
            Embed(camera, "origin-destination", matrix.Title, ChartRenderer.Render(matrix, _text), matrix.Hidden.Cast<bool>().Any(h => h));
        }
        else
        {
            _html.Append(CultureInfo.InvariantCulture, $"<p>{E(_text.NoPairs)}</p>\n");
        }
    }

    private void Figure(string camera, string name, BarChart chart) =>
        Embed(camera, name, chart.Title, ChartRenderer.Render(chart, _text), chart.Bars.Any(b => b.HasHidden), chart.Bars.Count <= ChartRenderer.MaxNotedBars && chart.Bars.Any(b => b.Footage is not null));

    private void Embed(string camera, string name, string title, byte[] png, bool hidden, bool footage = false)
    {
        var file = $"{_charts.Count + 1:00}-{Slug(camera)}-{Slug(name)}.png";
        _charts.Add(new RenderedChart(file, title, png));
        var caption = E(title) + (hidden ? $" — {E(_text.HiddenMark)}" : "") + (footage ? $" — {E(_text.FootageNote)}" : "");
        _html.Append(CultureInfo.InvariantCulture, $"<figure><img alt=\"{E(title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"><figcaption>{caption}</figcaption></figure>\n");
    }

    /// <summary>A file-name-safe form of an id: letters, digits and '-' only.</summary>
    private static string Slug(string text)
    {
        var slug = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
        return slug.Length == 0 ? "x" : slug;
    }
}
