using Analytics.Runs.Jobs;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Jobs;

/// <summary>One bad input never invalidates the whole job: it is reported for its input or camera, and the others load.</summary>
public sealed class UnusableInputTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-unusable-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_name_without_a_start_a_start_in_the_spring_gap_and_an_empty_glob_are_each_one_inputs_problem()
    {
        var good = _folder.Touch("cam-01/2026-03-29_0100.mp4");
        _folder.Touch("cam-01/2026-03-29_0230.mp4");   // 02:30 does not exist in Paris that night
        _folder.Touch("cam-01/notes-0230.mp4");        // no date in the name
        var path = JobFiles.Write(_folder.Path, """
            [{ "id": "cam-01", "timeZone": "Europe/Paris",
               "inputs": [{ "glob": "cam-01/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }],
               "lines": [{ "id": "a", "from": [0, 0], "to": [10, 10] }] },
             { "id": "cam-02", "timeZone": "Europe/Paris",
               "inputs": [{ "glob": "cam-02/*.mp4", "startFromName": "yyyy-MM-dd_HHmm" }],
               "lines": [{ "id": "a", "from": [0, 0], "to": [10, 10] }] }]
            """);

        var job = JobLoader.Load(path);

        Assert.Equal([good], job.Cameras[0].Inputs.Select(i => i.Path));
        Assert.Empty(job.Cameras[1].Inputs);
        Assert.Collection(
            job.Unusable.OrderBy(u => u.Path, StringComparer.Ordinal),
            u => Assert.Contains("a local time that does not exist in Europe/Paris", u.Reason, StringComparison.Ordinal),
            u => Assert.Contains("does not match the format 'yyyy-MM-dd_HHmm'", u.Reason, StringComparison.Ordinal),
            u => Assert.Equal(("cam-02", "cameras[1].inputs[0].glob"), (u.CameraId, u.JsonPath)));
        Assert.Contains("matches no file", job.Unusable.Single(u => u.CameraId == "cam-02").Reason, StringComparison.Ordinal);
    }
}
