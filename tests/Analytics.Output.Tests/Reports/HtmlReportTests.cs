using System.Text.RegularExpressions;
using Analytics.Output.Reports;

namespace Analytics.Output.Tests.Reports;

/// <summary>
/// The report page: self-contained, the accountability block and the inputs that were not analysed, the suppression
/// rule, and no figure that would give a hidden value away.
/// </summary>
public sealed class HtmlReportTests
{
    private static readonly DateTime Eight = new(2026, 11, 21, 7, 0, 0, DateTimeKind.Utc);

    private static readonly CoverageBin Bin = new("gare", Eight, Eight.AddMinutes(15), Eight.AddHours(1), 900);

    private static RunFacts Run(int? suppressBelow) => new()
    {
        Purpose = "Comptage des flux piétons, place de la Gare",
        LegalBasis = "Mission d'intérêt public, RGPD art. 6(1)(e)",
        Controller = "Commune de Ouistreham",
        Decision = "Délibération 2026-045",
        JobSha256 = new string('a', 64),
        Software = "analytics 0.1.0",
        ModelId = "yolox-nano-416",
        ModelSha256 = new string('b', 64),
        Settings = [("analysis_fps", "10"), ("threshold", "0.35")],
        SuppressBelow = suppressBelow,
        TimeZones = new Dictionary<string, string> { ["gare"] = "Europe/Paris" },
        InputCount = 3,
        Problems = [new InputProblem("gare", "/archive/gare/0900.mp4", "failed", "decoding stopped early: the file is truncated"), new InputProblem("gare", "/archive/gare/old.mp4", "refused", "beyond the 30-day retention period")],
        LastAuditHash = new string('c', 64),
    };

    private static ReportDataset Dataset(bool suppressed) => new(
        [
            new BinRow("gare", "nord", "entrant", "pedestrian", null, Bin.Start, Bin.End, Bin.LocalStart, 40, false, 900),
            new BinRow("gare", "nord", "entrant", "cycle", null, Bin.Start, Bin.End, Bin.LocalStart, suppressed ? null : 2, suppressed, 900),
            new BinRow("gare", "sud", "sortant", "pedestrian", null, Bin.Start, Bin.End, Bin.LocalStart, 17, false, 900),
        ],
        [],
        [new BinRow("gare", "nord", "sud", "pedestrian", null, Bin.Start, Bin.End, Bin.LocalStart, 12, false, 900), new BinRow("gare", "sud", "nord", "pedestrian", null, Bin.Start, Bin.End, Bin.LocalStart, 3, false, 900)],
        [Bin]);

    private static readonly ValidationFacts Validation = new("truth.csv", 59, 61, 0.0328, 0.05, 1.0, 1, [("gare", "nord", "entrant", "pedestrian", 40, 42)], ["a note"]);

    [Fact]
    public void The_page_is_self_contained_and_states_the_accountability_the_inputs_not_analysed_and_the_validation()
    {
        var (html, charts) = HtmlReport.Render(Dataset(suppressed: false), Run(null), Validation, ReportText.English);

        Assert.DoesNotMatch("(?i)<script|<link|@import|url\\(|https?://", html);
        Assert.Equal(charts.Count, Regex.Count(html, "src=\"data:image/png;base64,"));
        Assert.Equal(["01-gare-coverage.png", "02-gare-counts-nord-entrant.png", "03-gare-counts-sud-sortant.png", "04-gare-daily-profile.png", "05-gare-origin-destination.png"], charts.Select(c => c.FileName));
        Assert.All(charts, c => Assert.Equal([0x89, 0x50, 0x4E, 0x47], c.Png.Take(4))); // PNG signature
        foreach (var fact in new[] { "Commune de Ouistreham", "Délibération 2026-045", "yolox-nano-416", new string('b', 64), new string('c', 64), "analysis_fps = 10, threshold = 0.35" })
        {
            Assert.Contains(fact, html, StringComparison.Ordinal);
        }

        Assert.Contains("2 of 3 input(s) were not analysed", html, StringComparison.Ordinal);
        Assert.Contains("decoding stopped early: the file is truncated", html, StringComparison.Ordinal);
        Assert.Contains("No small-cell suppression", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">40</td><td class=\"num\">42</td><td class=\"num\">-2</td>", html, StringComparison.Ordinal);
        Assert.Contains("3.3 %", html, StringComparison.Ordinal);
    }

    [Fact]
    public void With_suppression_the_rule_is_stated_hidden_cells_are_marked_and_the_validation_figures_are_withheld()
    {
        var (html, _) = HtmlReport.Render(Dataset(suppressed: true), Run(5), Validation, ReportText.English);

        Assert.Contains("Counts from 1 to 4 are hidden (suppressBelow = 5); 1 value(s) of this dataset are hidden.", html, StringComparison.Ordinal);
        Assert.Contains("gare: line nord, entrant — * a value here is hidden", html, StringComparison.Ordinal);
        // The tool's totals beside the truth would give the hidden count away: 59 - 40 - 17 = 2.
        Assert.Contains("its figures would reveal them", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">59<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("3.3 %", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_french_report_speaks_french_from_its_language_attribute_to_its_charts()
    {
        var (html, charts) = HtmlReport.Render(Dataset(suppressed: false), Run(null), null, ReportText.French);

        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        foreach (var title in new[] { "Responsabilité du traitement", "Secret statistique", "2 fichier(s) sur 3 n'ont pas été analysés", "Caméra gare (fuseau horaire Europe/Paris)", "Couverture", "Franchissements de lignes", "Profil journalier", "Aucune zone.", "Origine–destination" })
        {
            Assert.Contains(title, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Validation", html, StringComparison.Ordinal); // no validation.json, no section
        Assert.Equal("gare : ligne nord, entrant", charts[1].Title);
    }
}
