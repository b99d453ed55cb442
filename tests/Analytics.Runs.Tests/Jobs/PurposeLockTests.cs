using Analytics.Runs.Jobs;

namespace Analytics.Runs.Tests.Jobs;

/// <summary>A job states why, on what basis, by whom and by which decision, or nothing runs (TA Grenoble, Moirans).</summary>
public sealed class PurposeLockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("analytics-purpose-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private IReadOnlyList<string> Problems(string field, string? value)
    {
        var fields = new Dictionary<string, string?>
        {
            ["purpose"] = "Statistical count of pedestrian flows, place de la Gare",
            ["legalBasis"] = "Public-interest task, GDPR art. 6(1)(e)",
            ["controller"] = "Commune de Ouistreham",
            ["decisionReference"] = "Délibération 2026-045 du 12 mars 2026",
        };
        fields[field] = value;
        File.WriteAllBytes(Path.Combine(_directory, "a.mp4"), [1]);
        var json = string.Join(",\n", fields.Where(f => f.Value is not null).Select(f => $"\"{f.Key}\": {System.Text.Json.JsonSerializer.Serialize(f.Value)}"));
        var path = Path.Combine(_directory, "job.json");
        File.WriteAllText(path, $$"""
            { {{json}},
              "cameras": [{ "id": "c", "timeZone": "Europe/Paris", "inputs": [{ "path": "a.mp4", "start": "2026-11-21T08:00:00+01:00" }],
                            "lines": [{ "id": "l", "from": [0, 0], "to": [9, 9] }] }] }
            """);
        try
        {
            JobLoader.Load(path);
            return [];
        }
        catch (JobException e)
        {
            return e.Problems;
        }
    }

    [Theory]
    [InlineData("purpose", null, "purpose: is required")]
    [InlineData("legalBasis", "  ", "legalBasis: is required")]
    [InlineData("controller", "TODO", "controller: 'TODO' looks like placeholder text")]
    [InlineData("decisionReference", "test", "decisionReference: 'test' looks like placeholder text")]
    [InlineData("purpose", "TBD", "purpose: 'TBD' looks like placeholder text")]
    [InlineData("purpose", "à compléter", "purpose: 'à compléter' looks like placeholder text")]
    [InlineData("decisionReference", "Délibération 2026-XXX", "decisionReference: 'Délibération 2026-XXX' looks like placeholder text")]
    [InlineData("purpose", "<purpose of the processing>", "purpose: '<purpose of the processing>' looks like placeholder text")]
    [InlineData("controller", "n/a", "controller: 'n/a' looks like placeholder text")]
    [InlineData("controller", "asdf", "controller: 'asdf' looks like placeholder text")]
    [InlineData("controller", "Test municipality", "controller: 'Test municipality' looks like placeholder text")]
    [InlineData("decisionReference", "pending", "decisionReference: 'pending' looks like placeholder text")]
    [InlineData("purpose", "to be completed", "purpose: 'to be completed' looks like placeholder text")]
    [InlineData("decisionReference", "Décision à venir", "decisionReference: 'Décision à venir' looks like placeholder text")]
    [InlineData("legalBasis", "---", "legalBasis: '---' looks like placeholder text")]
    public void A_missing_or_placeholder_accountability_field_refuses_the_job(string field, string? value, string expected)
    {
        var problems = Problems(field, value);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_complete_declaration_is_accepted() => Assert.Empty(Problems("purpose", "Comptage statistique des flux piétons (test de la méthode)"));

    [Theory]
    [InlineData("controller", "Ville de Caen")]
    [InlineData("controller", "SIVOM")]
    [InlineData("decisionReference", "Délibération 2026-045")]
    [InlineData("decisionReference", "Sample decision 2026-002 of 20 November 2026")]
    [InlineData("legalBasis", "Art. 6(1)(e) RGPD")]
    public void Real_short_texts_are_accepted(string field, string value) => Assert.Empty(Problems(field, value));
}
