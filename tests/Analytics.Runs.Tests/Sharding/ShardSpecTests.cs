using Analytics.Runs.Sharding;

namespace Analytics.Runs.Tests.Sharding;

/// <summary>--shard K/N and --shard auto: what the engines put in the environment, and what does not make a shard.</summary>
public sealed class ShardSpecTests
{
    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/8", 3, 8)]
    [InlineData("99/100", 99, 100)]
    public void K_of_N_is_read(string text, int index, int count)
    {
        var shard = ShardSpec.Parse(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(new ShardSpec(index, count), shard);
    }

    [Theory]
    [InlineData("4/4", "does not exist")]
    [InlineData("0/0", "does not exist")]
    [InlineData("-1/4", "is not K/N")]
    [InlineData("1", "is not K/N")]
    [InlineData("a/b", "is not K/N")]
    [InlineData("1/2/3", "is not K/N")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        Assert.Null(ShardSpec.Parse(text, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Slurm_array_gives_the_task_counted_from_its_first_id_and_the_array_job_as_batch()
    {
        var shard = ShardSpec.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "4"), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_JOB_ID", "8812")), out var problem);

        Assert.Null(problem);
        Assert.Equal((2, 4, "8812"), (shard!.Index, shard.Count, shard.Batch));
    }

    [Fact]
    public void A_Slurm_array_with_gaps_or_steps_is_refused_since_its_tasks_would_not_be_the_shards()
    {
        Assert.Null(ShardSpec.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "6"), ("SLURM_ARRAY_TASK_STEP", "2"), ("SLURM_ARRAY_TASK_COUNT", "4")), out var problem));
        Assert.Contains("one range of consecutive task ids", problem, StringComparison.Ordinal);
        Assert.Null(ShardSpec.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "5"), ("SLURM_ARRAY_TASK_COUNT", "3")), out problem));
        Assert.Contains("one range of consecutive task ids", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Kubernetes_indexed_job_gives_its_completion_index_and_the_count_from_the_documented_variable()
    {
        var shard = ShardSpec.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "5"), (ShardSpec.CountVariable, "6"), (ShardSpec.BatchVariable, "uid-1")), out var problem);
        Assert.Null(problem);
        Assert.Equal((5, 6, "uid-1"), (shard!.Index, shard.Count, shard.Batch));

        Assert.Null(ShardSpec.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "5")), out problem));
        Assert.Contains($"the shard count is not in {ShardSpec.CountVariable}", problem, StringComparison.Ordinal);
        Assert.Null(ShardSpec.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "6"), (ShardSpec.CountVariable, "6")), out problem));
        Assert.Contains("does not exist", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_engine_auto_says_what_it_looked_for()
    {
        Assert.Null(ShardSpec.FromEnvironment(Env(), out var problem));
        Assert.Contains("SLURM_ARRAY_TASK_ID", problem, StringComparison.Ordinal);
        Assert.Contains("JOB_COMPLETION_INDEX", problem, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
