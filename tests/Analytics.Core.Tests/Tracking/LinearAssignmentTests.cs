using Analytics.Core.Tracking;

namespace Analytics.Core.Tests.Tracking;

public sealed class LinearAssignmentTests
{
    [Fact]
    public void Finds_the_minimum_total_cost_where_greedy_would_not()
    {
        // Greedy takes (0,0)=0.1 then must pay (1,1)=0.9 (total 1.0); the optimum is (0,1)+(1,0) = 0.2+0.3.
        double[] cost = [0.1, 0.2, 0.3, 0.9];
        var rowToColumn = new int[2];

        new LinearAssignment().Solve(cost, 2, 2, maxCost: 1.0, rowToColumn);

        Assert.Equal([1, 0], rowToColumn);
    }

    [Fact]
    public void Pairs_above_the_gate_stay_unmatched_and_rectangular_problems_work()
    {
        // 3 tracks, 2 detections; track 2 is too far from everything.
        double[] cost = [0.2, 0.95, 0.9, 0.3, 0.99, 0.97];
        var rowToColumn = new int[3];

        new LinearAssignment().Solve(cost, 3, 2, maxCost: 0.8, rowToColumn);

        Assert.Equal([0, 1, -1], rowToColumn);
    }

    [Fact]
    public void Infinite_costs_are_never_matched()
    {
        double[] cost = [double.PositiveInfinity];
        var rowToColumn = new int[1];

        new LinearAssignment().Solve(cost, 1, 1, maxCost: 0.8, rowToColumn);

        Assert.Equal([-1], rowToColumn);
    }
}
