using Analytics.Runs.Jobs;
using Analytics.Runs.State;
using Analytics.Tests.Shared;
using MessagePack;
using Serilog;

namespace Analytics.Runs.Tests.State;

/// <summary>
/// A state proves which purpose it serves, whatever happens to its header, and a record of the wrong shape is a
/// damaged state, said as such.
/// </summary>
public sealed class StateIntegrityTests : IDisposable
{
    private static readonly ILogger Quiet = new LoggerConfiguration().CreateLogger();

    private readonly TemporaryFolder _folder = new("analytics-state-integrity-");

    public void Dispose() => _folder.Dispose();

    private string StateFolder => _folder["state"];

    private Job JobFor(string purpose, string name)
    {
        var text = File.ReadAllText(JobFiles.Write(_folder.Path, """
            [{ "id": "cam", "timeZone": "Europe/Paris",
               "inputs": [{ "path": "2026-11-20_1000.mp4", "start": "2026-11-20T10:00:00+01:00" }],
               "lines": [{ "id": "kerb", "from": [0, 300], "to": [768, 300] }] }]
            """, name));
        File.WriteAllText(_folder[name], text.Replace("Statistical count of visitors (test)", purpose, StringComparison.Ordinal));
        return JobLoader.Load(_folder[name]);
    }

    private async Task<StateException> OpenFailsAsync(Job job)
    {
        using var store = StateStore.Open(StateFolder);
        return await Assert.ThrowsAsync<StateException>(() => IncrementalState.OpenAsync(store, job, "model", new AnalysisOptions(), reanalyse: false, Quiet));
    }

    private async Task OpenAsync(Job job)
    {
        using var store = StateStore.Open(StateFolder);
        await IncrementalState.OpenAsync(store, job, "model", new AnalysisOptions(), reanalyse: false, Quiet);
    }

    [Fact]
    public async Task Without_its_header_a_state_that_holds_analyses_is_refused_as_damaged()
    {
        await OpenAsync(JobFor("Statistical count of pedestrian flows, place de la Gare", "a.json"));
        File.Delete(Path.Combine(StateFolder, "state.msgpack"));

        var error = await OpenFailsAsync(JobFor("Statistical count of cyclists on the quay", "b.json"));

        Assert.Equal(StateProblem.Damaged, error.Problem);
        Assert.Contains("no state.msgpack saying which purpose they serve", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Rewrites the state's header as if it had been built for <paramref name="job"/>'s purpose.</summary>
    private async Task RewriteHeaderForAsync(Job job)
    {
        using var store = StateStore.Open(StateFolder);
        var header = store.ReadHeader()!;
        await store.WriteHeaderAsync(header with { Purpose = job.Purpose });
    }

    [Fact]
    public async Task A_header_rewritten_for_another_purpose_does_not_unlock_the_results_of_the_first()
    {
        var first = JobFor("Statistical count of pedestrian flows, place de la Gare", "a.json");
        var other = JobFor("Statistical count of cyclists on the quay", "b.json");
        await OpenAsync(first);
        await RewriteHeaderForAsync(other);

        var error = await OpenFailsAsync(other);

        Assert.Equal(StateProblem.OtherPurpose, error.Problem);
        Assert.Contains("collected for another purpose", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_rewritten_and_the_analysis_unbound_from_its_purpose_still_unlock_nothing()
    {
        var first = JobFor("Statistical count of pedestrian flows, place de la Gare", "a.json");
        var other = JobFor("Statistical count of cyclists on the quay", "b.json");
        await OpenAsync(first);
        await RewriteHeaderForAsync(other);

        // The analysis key rewritten without its purpose, as if written before analyses were bound to one.
        var keyFile = Path.Combine(Directory.EnumerateDirectories(Path.Combine(StateFolder, "analyses")).Single(), "analysis.msgpack");
        var key = MessagePackSerializer.Deserialize<AnalysisKey>(File.ReadAllBytes(keyFile), MessagePackSerializerOptions.Standard);
        File.WriteAllBytes(keyFile, MessagePackSerializer.Serialize(key with { Purpose = null }, MessagePackSerializerOptions.Standard));

        var error = await OpenFailsAsync(other);

        Assert.Equal(StateProblem.OtherPurpose, error.Problem);
        Assert.Contains("bound to no purpose", error.Message, StringComparison.Ordinal);
        Assert.Null(MessagePackSerializer.Deserialize<AnalysisKey>(File.ReadAllBytes(keyFile), MessagePackSerializerOptions.Standard).Purpose); // not re-bound
    }

    [Fact]
    public async Task A_record_with_a_field_written_as_nil_is_a_damaged_state_not_a_crash()
    {
        await OpenAsync(JobFor("Statistical count of pedestrian flows, place de la Gare", "a.json"));
        var analysis = Directory.EnumerateDirectories(Path.Combine(StateFolder, "analyses")).Single();
        var options = MessagePackSerializerOptions.Standard;
        var record = new InputRecord("cam", "abc", "2026-11-20T10:00:00.0000000+01:00", "/archive/x.mp4", true, 0, 10, 10, null!, "now");
        File.WriteAllBytes(Path.Combine(analysis, "abc-1.msgpack"), MessagePackSerializer.Serialize(record, options));

        var error = Assert.Throws<StateException>(() => StateStore.Records(analysis));

        Assert.Equal(StateProblem.Damaged, error.Problem);
        Assert.Contains("Contribution is missing", error.Message, StringComparison.Ordinal);
    }
}
