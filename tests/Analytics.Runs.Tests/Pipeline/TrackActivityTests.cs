using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;
using Analytics.Runs.Pipeline;

namespace Analytics.Runs.Tests.Pipeline;

/// <summary>
/// When tracking keeps the motion gate open, whatever the picture difference says: a confirmed track that moves, or
/// one near a counting line. An object standing still away from the lines, a tentative track (a detector's flicker)
/// and a track the detector lost do not.
/// </summary>
public sealed class TrackActivityTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A vertical line at x = 300, from y = 100 to y = 300.</summary>
    private static readonly CountingLine Line = new("walkway", new Point2(300, 100), new Point2(300, 300));

    /// <summary>A pedestrian track whose feet (box bottom-centre) are at (<paramref name="x"/>, <paramref name="y"/>), 40 pixels tall.</summary>
    private static TrackObservation Person(int id, float x, float y = 250, bool confirmed = true)
    {
        var box = new Box(x - 8, y - 40, x + 8, y);
        return new TrackObservation(id, box, ObjectClass.Pedestrian, VehicleKind.None, confirmed, new DetectedObject(box, 0.9f, ObjectClass.Pedestrian));
    }

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    /// <summary>Feeds a frame every 0.1 s from <paramref name="from"/> to <paramref name="until"/> seconds; returns whether any was busy.</summary>
    private static bool AnyBusy(TrackActivity activity, double from, double until, Func<double, TrackObservation[]> frame)
    {
        var busy = false;
        for (var i = 0; from + (i * 0.1) <= until + 1e-9; i++)
        {
            var t = from + (i * 0.1);
            busy |= activity.Busy(At(t), frame(t));
        }

        return busy;
    }

    [Fact]
    public void An_object_standing_away_from_the_lines_never_keeps_the_gate_open()
    {
        var activity = new TrackActivity([Line]);

        Assert.False(AnyBusy(activity, 0, 3, _ => [Person(1, 100)]));
        Assert.False(activity.Busy(At(3.1), []), "no track at all");
    }

    [Fact]
    public void A_moving_object_keeps_it_open_and_stopping_closes_it()
    {
        var activity = new TrackActivity([Line]);

        // Walking left at a height (40 pixels) a second, far from the line: busy once its first second is measured.
        Assert.False(AnyBusy(activity, 0, 0.9, t => [Person(1, 200 - (float)(40 * t))]));
        Assert.True(activity.Busy(At(1), [Person(1, 160)]));
        Assert.True(AnyBusy(activity, 1.1, 3, t => [Person(1, 200 - (float)(40 * t))]));

        // Then standing: closed once a second without motion has been measured; shuffling (a tenth of a height a second) is standing.
        AnyBusy(activity, 3.1, 4.5, _ => [Person(1, 80)]);
        Assert.False(AnyBusy(activity, 4.6, 6, _ => [Person(1, 80)]));
        Assert.False(AnyBusy(activity, 6.1, 9, t => [Person(1, 80 + (float)(4 * (t - 6)))]));
    }

    [Fact]
    public void An_object_near_a_line_keeps_it_open_even_standing_still()
    {
        var activity = new TrackActivity([Line]);

        Assert.True(activity.Busy(At(0), [Person(1, 320)]), "20 pixels from the line, within its height");
        Assert.False(AnyBusy(activity, 0.1, 3, _ => [Person(2, 360)]), "60 pixels from it");
        Assert.True(activity.Busy(At(3.1), [Person(3, 300, y: 330)]), "beyond the end of the segment, within its height of it");
    }

    [Fact]
    public void A_tentative_track_is_not_activity_even_near_a_line()
    {
        var activity = new TrackActivity([Line]);

        Assert.False(AnyBusy(activity, 0, 3, t => [Person(1, 310, confirmed: false), Person(2, (float)(100 + (40 * t)), confirmed: false)]));
    }

    [Fact]
    public void A_track_measured_again_after_it_was_lost_or_after_a_reset_starts_afresh()
    {
        var activity = new TrackActivity([Line]);
        AnyBusy(activity, 0, 0.5, _ => [Person(1, 100)]);
        Assert.False(activity.Busy(At(0.6), []), "lost");

        // Seen again 40 pixels away: its motion is measured from where it is seen again, a second later.
        Assert.False(AnyBusy(activity, 0.7, 1.6, _ => [Person(1, 140)]));

        activity.Reset();
        Assert.False(activity.Busy(At(1.7), [Person(1, 200)]), "id 1 of a new tracker is a new track: no motion measured yet");
    }
}
