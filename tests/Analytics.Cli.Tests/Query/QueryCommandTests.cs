using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Cli.Tests.Analysis;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Query;

/// <summary>
/// <c>analytics query</c> over a real run's dataset (the one-by-one clip, real model): the README's examples run
/// verbatim, as a child process in a folder where they find <c>out/pets</c>; bad SQL, a missing folder and a missing
/// table each end with one sentence and their documented exit code.
/// </summary>
[Collection(OneByOneRun.Collection)]
public sealed partial class QueryCommandTests : IDisposable
{
    private readonly OneByOneRun _run;
    private readonly TemporaryFolder _folder = new("analytics-query-");

    public QueryCommandTests(OneByOneRun run) => _run = run;

    public void Dispose() => _folder.Dispose();

    /// <summary>Every <c>./analytics query</c> command line of README.md's code blocks.</summary>
    public static TheoryData<string> ReadmeExamples() => [.. ReadmeQueries()];

    private static List<string> ReadmeQueries()
    {
        var data = new List<string>();
        var inCode = false;
        foreach (var line in File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md")))
        {
            inCode ^= line.StartsWith("```", StringComparison.Ordinal);
            if (inCode && line.StartsWith("./analytics query ", StringComparison.Ordinal))
            {
                data.Add(line);
            }
        }

        return data;
    }

    [Fact]
    public void The_readme_shows_the_query_command_in_every_output_form()
    {
        var examples = ReadmeQueries();

        Assert.True(examples.Count >= 4, $"README.md has {examples.Count} ./analytics query example(s)");
        Assert.Contains(examples, e => e.Contains(" --csv", StringComparison.Ordinal));
        Assert.Contains(examples, e => e.Contains(" --json", StringComparison.Ordinal));
        foreach (var view in new[] { "counts", "occupancy", "od", "coverage" })
        {
            Assert.Contains(examples, e => Regex.IsMatch(e, $@"\bFROM {view}\b"));
        }
    }

    [Theory]
    [MemberData(nameof(ReadmeExamples))]
    public async Task A_readme_example_runs_verbatim(string line)
    {
        // The README analyses the PETS sample into out/pets first; here out/pets holds a real run of another sample.
        CopyDirectory(_run.Output, Path.Combine(_folder.Path, "out", "pets"));
        var words = ShellWords.Split(line);
        Assert.Equal("./analytics", words[0]);

        using var process = CliProcess.Start(words.Skip(1).ToList(), workingDirectory: _folder.Path);
        var (exitCode, output, error) = await process.WaitApartAsync(TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        Assert.Equal("", error);
        if (words.Contains("--json"))
        {
            using var json = JsonDocument.Parse(output);
            Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        }
        else
        {
            Assert.NotEqual("", output.Split('\n')[0].Trim()); // the header (the sample's one line has no origin-destination rows)
        }
    }

    [Fact]
    public async Task Rows_come_out_as_a_table_csv_or_json_with_instants_in_utc_and_the_wall_clock_beside_them()
    {
        const string Sql = "SELECT bin_start, bin_start_local, utc_offset_minutes, analysed_seconds FROM coverage";

        var (tableCode, table) = await CliRunner.RunExactlyAsync("query", "--results", _run.Output, Sql);
        var (csvCode, csv) = await CliRunner.RunExactlyAsync("query", "--results", _run.Output, Sql, "--csv");
        var (jsonCode, json) = await CliRunner.RunExactlyAsync("query", "--results", _run.Output, Sql, "--json");

        Assert.Equal((0, 0, 0), (tableCode, csvCode, jsonCode));
        Assert.Matches(@"^bin_start\s+bin_start_local\s+utc_offset_minutes\s+analysed_seconds\n-+", table);
        Assert.EndsWith("(1 row)\n", table.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal("bin_start,bin_start_local,utc_offset_minutes,analysed_seconds\n2026-11-20T09:00:00Z,2026-11-20T10:00:00,60,139.4\n", csv);
        var row = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal(("2026-11-20T09:00:00Z", 60, 139.4), (row.GetProperty("bin_start").GetString(), row.GetProperty("utc_offset_minutes").GetInt32(), row.GetProperty("analysed_seconds").GetDouble()));
    }

    [Fact]
    public async Task Sql_that_is_not_valid_is_one_sentence_and_exit_code_2()
    {
        var (exitCode, output) = await CliRunner.RunExactlyAsync("query", "--results", _run.Output, "SELEC line_id FROM counts");

        Assert.Equal(2, exitCode);
        Assert.Equal("query: the query is not valid: Parser Error: syntax error at or near \"SELEC\"", output.Trim());
    }

    [Fact]
    public async Task An_unknown_column_is_exit_code_2_and_reading_outside_the_results_folder_is_refused()
    {
        var (unknown, unknownOutput) = await CliRunner.RunExactlyAsync("query", "--results", _run.Output, "SELECT speed FROM counts");
        var (outside, outsideOutput) = await CliRunner.RunExactlyAsync("query", "--results", _run.Output, "SELECT * FROM read_csv('/etc/passwd')");

        Assert.Equal((2, 2), (unknown, outside));
        Assert.StartsWith("query: the query is not valid: Binder Error: Referenced column \"speed\" not found", unknownOutput, StringComparison.Ordinal);
        Assert.StartsWith("query: the query may read only the views of the results folder", outsideOutput, StringComparison.Ordinal);
        Assert.Single(unknownOutput.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_folder_or_table_is_exit_code_8()
    {
        CopyDirectory(_run.Output, _folder["partial"]);
        File.Delete(Path.Combine(_folder["partial"], "od.parquet"));

        var (missingFolder, folderOutput) = await CliRunner.RunExactlyAsync("query", "--results", _folder["nowhere"], "SELECT 1");
        var (missingTable, tableOutput) = await CliRunner.RunExactlyAsync("query", "--results", _folder["partial"], "SELECT * FROM od");
        var (empty, emptyOutput) = await CliRunner.RunExactlyAsync("query", "--results", _folder.Path, "SELECT 1");

        Assert.Equal((9, 9, 9), (missingFolder, missingTable, empty));
        Assert.Equal($"query: the results folder {_folder["nowhere"]} does not exist", folderOutput.Trim());
        Assert.Equal($"query: the results folder {_folder["partial"]} has no od table (od.parquet); it has counts, occupancy, coverage", tableOutput.Trim());
        Assert.StartsWith($"query: the results folder {_folder.Path} holds no dataset", emptyOutput, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
