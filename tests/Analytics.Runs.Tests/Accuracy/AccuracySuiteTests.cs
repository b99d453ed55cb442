using Analytics.Runs.Accuracy;
using Analytics.Runs.Jobs;
using Analytics.Runs.Validation;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Accuracy;

public sealed class AccuracySuiteTests
{
    private static readonly string SuitePath = Path.Combine(RepositoryPaths.Root, "samples", "accuracy", "suite.json");

    [Fact]
    public void The_repository_s_suite_loads_and_its_committed_truth_fits_its_jobs()
    {
        var suite = AccuracySuite.Load(SuitePath);

        Assert.Equal(["pets-plaza", "one-by-one", "cyclist", "sidewalk", "traffic", "parking"], suite.Scenarios.Select(s => s.Id).ToList());
        Assert.Equal([10.0, 5.0], suite.Scenarios[0].Rates);
        Assert.True(JobLoader.Load(suite.Scenarios[0].JobPath).Cameras[0].Lines.Count >= 6, "PETS is measured on six lines or more");
        foreach (var scenario in suite.Scenarios.Where(s => s.TruthPath.EndsWith(".counts.csv", StringComparison.Ordinal)))
        {
            var job = JobLoader.Load(scenario.JobPath);
            var truth = CountValidator.ReadTruth(job, scenario.TruthPath, scenario.Tracks);
            Assert.True(truth.Counts.Sum(c => c.Count) > 0, scenario.Id);
        }
    }

    [Fact]
    public void A_suite_with_bad_scenarios_is_refused_with_every_problem()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Touch("suite.json", System.Text.Encoding.UTF8.GetBytes("""
            { "scenarios": [
              { "id": "a", "job": "a.job.json" },
              { "id": "b", "job": "b.job.json", "truth": "b.csv", "rates": [0] },
              { "id": "c", "job": "c.job.json", "truth": "c.txt", "truthClass": "horse" }
            ] }
            """));

        var e = Assert.Throws<JobException>(() => AccuracySuite.Load(path));

        Assert.Equal(3, e.Problems.Count);
        Assert.EndsWith("scenarios[0]: id, job and truth are required", e.Problems[0], StringComparison.Ordinal);
        Assert.EndsWith("scenarios[1].rates: every rate must be between 0 and 120 frames per second", e.Problems[1], StringComparison.Ordinal);
        Assert.Contains("scenarios[2].truthClass: 'horse' is not one of", e.Problems[2], StringComparison.Ordinal);
    }
}
