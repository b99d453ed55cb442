using Analytics.Runs.Jobs;

namespace Analytics.Runs.Tests.Jobs;

public sealed class ExecutionOptionsTests
{
    // One file per core: a file's decoding runs on one thread, which bounds a gated run in quiet stretches.
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(16, 16)]
    [InlineData(64, 64)]
    [InlineData(128, 64)] // no more than a run accepts
    [InlineData(0, 1)] // a machine that reports no core still analyses
    public void By_default_one_file_per_core_is_analysed_side_by_side(int cores, int workers)
    {
        Assert.Equal(workers, ExecutionOptions.DefaultWorkers(cores));
    }
}
