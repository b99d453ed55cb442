using Analytics.Runs.Jobs;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Jobs;

/// <summary>A job file of the wrong shape is refused with every problem at once, in the job's words, never with a crash or a .NET type name.</summary>
public sealed class JobFileShapeTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-job-shape-");

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<string> Problems(string text)
    {
        var path = _folder["job.json"];
        File.WriteAllText(path, text);
        return Assert.Throws<JobException>(() => JobLoader.Load(path)).Problems;
    }

    private const string Accountable = """
        "purpose": "Statistical count of visitors (test)", "legalBasis": "Public-interest task, GDPR art. 6(1)(e)",
        "controller": "Commune de Ouistreham", "decisionReference": "Délibération 2026-045",
        """;

    public static TheoryData<string, string[]> Shapes => new()
    {
        { "{" + Accountable + "\"cameras\": [null]}", ["cameras[0]: expected an object { ... }, found null"] },
        {
            "{" + Accountable + """" "cameras": [{ "id": "a", "timeZone": "UTC", "inputs": [null], "lines": [null, { "id": "l", "from": [0, "y"], "to": "x" }] }] }"""",
            ["cameras[0].inputs[0]: expected an object { ... }, found null", "cameras[0].lines[0]: expected an object { ... }, found null",
             "cameras[0].lines[1].from: expected a point [x, y] in frame pixels, found a list of 2", "cameras[0].lines[1].to: expected a point [x, y] in frame pixels, found the text \"x\""]
        },
        { "{" + Accountable + "\"binMinutes\": \"15\", \"retentionDays\": 1.5, \"cameras\": []}", ["binMinutes: expected a whole number of minutes, found the text \"15\"", "retentionDays: expected a whole number of days, found the number 1.5"] },
        { "{" + Accountable + "\"binMinute\": 15, \"cameras\": []}", ["binMinute: unknown field; did you mean 'binMinutes'?"] },
        { "{" + Accountable + "\"cameras\": [{ \"id\": \"a\", \"timezone\": \"UTC\" }]}", ["cameras[0].timezone: unknown field; did you mean 'timeZone'?"] },
        { "[1, 2]", ["$: expected an object { ... }, found a list of 2"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_problem_of_shape_is_reported_with_its_path_in_the_jobs_words(string text, string[] expected)
    {
        var problems = Problems(text);

        Assert.Equal(expected, problems);
        Assert.DoesNotContain(problems, p => p.Contains("System.", StringComparison.Ordinal) || p.Contains("Analytics.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_syntax_error_says_its_line_and_column()
    {
        var problem = Assert.Single(Problems("{\n  \"purpose\": \"x\",\n  \"binMinutes\": 15,, \"cameras\": []\n}"));

        Assert.StartsWith("line 3, column 20: not valid JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_an_empty_file_and_a_missing_file_are_each_said_as_such()
    {
        Assert.Equal([$"{_folder.Path}: is a folder, not a job file"], Assert.Throws<JobException>(() => JobLoader.Load(_folder.Path)).Problems);
        Assert.Equal(["$: the job file is empty"], Problems("  \n"));
        Assert.Contains("job file not found", Assert.Single(Assert.Throws<JobException>(() => JobLoader.Load(_folder["absent.json"])).Problems), StringComparison.Ordinal);
    }
}
