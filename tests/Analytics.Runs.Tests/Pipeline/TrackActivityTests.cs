using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;
using Analytics.Core.Tracking;
using Analytics.Runs.Pipeline;

namespace Analytics.Runs.Tests.Pipeline;

/// <summary>
/// When tracking keeps the motion gate open, whatever the picture difference says: a track just lost, one new or not
/// yet confirmed, one moving, one near a counting line. An object standing still away from the lines does not.
/// </summary>
public sealed class TrackActivityTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A vertical line at x = 300, from y = 100 to y = 300.</summary>
    private static readonly CountingLine Line = new("walkway", new Point2(300, 100), new Point2(300, 300));

    /// <summary>A confirmed pedestrian track whose feet (box bottom-centre) are at (<paramref name="x"/>, <paramref name="y"/>), 40 pixels tall.</summary>
    private static TrackObservation Person(int id, float x, float y = 250, bool confirmed = true)
    {
        var box = new Box(x - 8, y - 40, x + 8, y);
        return new TrackObservation(id, box, ObjectClass.Pedestrian, VehicleKind.None, confirmed, new DetectedObject(box, 0.9f, ObjectClass.Pedestrian));
    }

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    /// <summary>Feeds the same observations at 10 fps from <paramref name="from"/> to <paramref name="until"/> seconds; returns the last verdict.</summary>
    private static bool Feed(TrackActivity activity, double from, double until, Func<double, TrackObservation[]> frame)
    {
        var busy = false;
        for (var t = from; t <= until + 1e-9; t += 0.1)
        {
            var observations = frame(t);
            busy = activity.Busy(At(t), observations, observations.Length);
        }

        return busy;
    }

    [Fact]
    public void An_object_standing_away_from_the_lines_lets_the_gate_close_once_it_settled()
    {
        var activity = new TrackActivity([Line]);

        Assert.True(activity.Busy(At(0), [Person(1, 100)], liveTracks: 1), "a new track keeps the gate open for a second");
        Assert.False(Feed(activity, 0.1, 3, _ => [Person(1, 100)]));
        Assert.False(activity.Busy(At(3.1), [], liveTracks: 0), "no track at all");
    }

    [Fact]
    public void A_moving_object_keeps_it_open_and_stopping_closes_it()
    {
        var activity = new TrackActivity([Line]);

        // Walking left at a height (40 pixels) a second, far from the line, then standing.
        Assert.True(Feed(activity, 0, 3, t => [Person(1, 200 - (float)(40 * t))]));
        Assert.False(Feed(activity, 3.1, 6, _ => [Person(1, 80)]));

        // Shuffling (a tenth of a height a second) is standing.
        Assert.False(Feed(activity, 6.1, 9, t => [Person(1, 80 + (float)(4 * (t - 6)))]));
    }

    [Fact]
    public void An_object_near_a_line_keeps_it_open_even_standing_still()
    {
        var activity = new TrackActivity([Line]);

        Assert.True(Feed(activity, 0, 5, _ => [Person(1, 320)]), "20 pixels from the line, within its height");
        Assert.False(Feed(activity, 5.1, 8, _ => [Person(2, 360)]), "60 pixels from it");
        Assert.True(Feed(activity, 8.1, 11, _ => [Person(3, 300, y: 330)]), "beyond the end of the segment, within its height of it");
    }

    [Fact]
    public void A_track_lost_or_not_yet_confirmed_keeps_it_open()
    {
        var activity = new TrackActivity([Line]);
        Feed(activity, 0, 3, _ => [Person(1, 100)]);

        Assert.True(activity.Busy(At(3.1), [], liveTracks: 1), "the detector lost it: it may be moving where the picture difference does not see it");
        Assert.True(activity.Busy(At(3.2), [Person(1, 100)], liveTracks: 1), "found again: new for a second");
        Assert.True(Feed(activity, 3.3, 6, _ => [Person(1, 100), Person(2, 150, confirmed: false)]), "a tentative track");
    }

    [Fact]
    public void Reset_forgets_the_tracks_of_the_previous_tracker()
    {
        var activity = new TrackActivity([Line]);
        Feed(activity, 0, 3, _ => [Person(1, 100)]);
        activity.Reset();

        Assert.True(activity.Busy(At(3.1), [Person(1, 100)], liveTracks: 1), "id 1 of a new tracker is a new track");
    }
}
