using System.Text;
using Analytics.Output.Query;
using Analytics.Output.Writers;

namespace Analytics.Output.Reports;

/// <summary>
/// <c>analytics report</c> as a library: reads a results folder (its tables through <see cref="ResultsDatabase"/>,
/// run.json, the audit log's last hash, validation.json when present) and writes one self-contained HTML file and,
/// in a folder beside it named after it (<c>report.html</c> → <c>report-charts/</c>), each chart as a PNG. The
/// files are written as a set: a failure leaves the previous report as it was.
/// </summary>
public static class RunReport
{
    /// <summary>Writes the report; returns the paths written (the HTML first). Throws <see cref="QueryException"/> when the folder cannot be read.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string resultsDirectory, string htmlPath, ReportLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resultsDirectory);
        ArgumentNullException.ThrowIfNull(htmlPath);
        ReportDataset dataset;
        using (var database = ResultsDatabase.Open(resultsDirectory))
        {
            dataset = ReportDataset.Read(database);
        }

        if (!dataset.Coverage.Any())
        {
            throw new QueryException(QueryFailure.DatasetUnavailable, $"the results folder {resultsDirectory} has no footage analysed (coverage is empty): there is nothing to draw");
        }

        var run = RunFacts.Read(resultsDirectory);
        var validation = ValidationFacts.Read(resultsDirectory);
        var (html, charts) = HtmlReport.Render(dataset, run, validation, ReportText.Of(language));

        var full = Path.GetFullPath(htmlPath);
        var chartFolder = ChartFolder(full);
        Directory.CreateDirectory(chartFolder);
        var written = new List<string> { full };
        using var set = new AtomicFileSet();
        await set.StageAsync(full, stream => stream.WriteAsync(new UTF8Encoding(false).GetBytes(html), cancellationToken).AsTask(), cancellationToken);
        foreach (var chart in charts)
        {
            var path = Path.Combine(chartFolder, chart.FileName);
            await set.StageAsync(path, stream => stream.WriteAsync(chart.Png, cancellationToken).AsTask(), cancellationToken);
            written.Add(path);
        }

        cancellationToken.ThrowIfCancellationRequested();
        set.Commit();
        foreach (var stale in Directory.EnumerateFiles(chartFolder, "*.png").Except(written, StringComparer.Ordinal).ToList())
        {
            File.Delete(stale); // charts of an earlier report (a camera or line since removed)
        }

        return written;
    }

    /// <summary>The folder the PNG charts go into: beside the HTML file, named after it.</summary>
    public static string ChartFolder(string htmlPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(htmlPath))!, Path.GetFileNameWithoutExtension(htmlPath) + "-charts");
}
