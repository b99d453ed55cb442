using Analytics.Runs.Validation;

namespace Analytics.Runs.Tests.Validation;

public sealed class AccuracyMetricsTests
{
    public static TheoryData<int, int, double> GehCases => new()
    {
        { 0, 0, 0 },                 // nothing on either side: 0 by definition
        { 10, 10, 0 },
        { 100, 80, 2.1082 },         // sqrt(2 * 400 / 180)
        { 5, 0, 3.1623 },            // sqrt(2 * 25 / 5)
        { 0, 50, 10 },               // sqrt(2 * 2500 / 50)
        { 30, 5, 5.9761 },           // sqrt(2 * 625 / 35)
    };

    [Theory]
    [MemberData(nameof(GehCases))]
    public void Geh_is_the_textbook_statistic_and_zero_when_both_counts_are_zero(int tool, int truth, double expected) =>
        Assert.Equal(expected, AccuracyMetrics.Geh(tool, truth), 4);

    [Fact]
    public void Metrics_on_known_numbers()
    {
        // |9-10| + |0-0| + |4-2| + |1-0| + |30-5| = 1 + 0 + 2 + 1 + 25 = 29 over a truth of 17.
        var metrics = AccuracyMetrics.Of([(9, 10), (0, 0), (4, 2), (1, 0), (30, 5)]);

        Assert.Equal(5, metrics.Cells);
        Assert.Equal(44, metrics.ToolTotal);
        Assert.Equal(17, metrics.TruthTotal);
        Assert.Equal(29, metrics.AbsoluteErrorSum);
        Assert.Equal(29 / 17.0, metrics.TotalAbsoluteError!.Value, 10);
        Assert.Equal(3, metrics.MapeCells); // the cells with truth > 0
        Assert.Equal((0.1 + 1.0 + 5.0) / 3, metrics.Mape!.Value, 10);
        Assert.Equal(4 / 5.0, metrics.GehShareBelow5!.Value, 10); // only (30, 5) reaches 5
    }

    [Fact]
    public void Metrics_without_truth_are_undefined_and_any_count_fails_a_limit()
    {
        var none = AccuracyMetrics.Of([]);
        var zeros = AccuracyMetrics.Of([(0, 0), (0, 0)]);
        var extra = AccuracyMetrics.Of([(2, 0)]);

        Assert.Null(none.TotalAbsoluteError);
        Assert.Null(none.Mape);
        Assert.Null(none.GehShareBelow5);
        Assert.Null(zeros.TotalAbsoluteError);
        Assert.Equal(1.0, zeros.GehShareBelow5);
        Assert.False(zeros.Exceeds(0));
        Assert.True(extra.Exceeds(1000));
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(9.99, true)]
    [InlineData(0, true)]
    public void The_limit_is_on_the_total_absolute_error_in_percent(double percent, bool exceeds) =>
        Assert.Equal(exceeds, AccuracyMetrics.Of([(8, 10), (10, 10)]).Exceeds(percent)); // 2 / 20 = 10 %
}
