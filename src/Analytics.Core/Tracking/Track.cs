using System.Runtime.InteropServices;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>One object followed within one file: motion (Kalman filter) and class votes, nothing about its appearance.</summary>
internal sealed class Track
{
    private readonly float[] _classVotes = new float[3];
    private readonly float[] _kindVotes = new float[5];
    private readonly List<DetectedObject> _twoWheelers = [];
    private Point2? _previousAnchor;

    public Track(int id, in DetectedObject detection, DateTimeOffset time, bool isHigh)
    {
        HasHighHit = isHigh;
        Id = id;
        Filter = new KalmanBoxFilter(detection.Box);
        LastSeen = time;
        LastPredicted = time;
        Hits = 1;
        LastDetection = detection;
        Vote(detection);
    }

    public int Id { get; }

    public KalmanBoxFilter Filter { get; }

    public TrackState State { get; set; } = TrackState.Tentative;

    public bool IsConfirmed => State != TrackState.Tentative;

    public int Hits { get; private set; }

    /// <summary>Whether one of its detections was high (at or above the tracker's high-score threshold): only then may it be confirmed.</summary>
    public bool HasHighHit { get; private set; }

    public DateTimeOffset LastSeen { get; private set; }

    public DateTimeOffset LastPredicted { get; private set; }

    /// <summary>The detection matched at <see cref="LastSeen"/>.</summary>
    public DetectedObject LastDetection { get; private set; }

    /// <summary>What its detections said about its class, up to the last closed frame.</summary>
    public ClassEvidence Evidence { get; private set; }

    /// <summary>The class with the most score-weighted votes over the track's life so far (for association).</summary>
    public ObjectClass Class => (ObjectClass)ArgMax(_classVotes);

    /// <summary>The vehicle sub-class with the most votes, when <see cref="Class"/> is a vehicle.</summary>
    public VehicleKind Kind => Class == ObjectClass.Vehicle ? (VehicleKind)ArgMax(_kindVotes.AsSpan(1), offset: 1) : VehicleKind.None;

    public void Predict(DateTimeOffset time)
    {
        Filter.Predict((time - LastPredicted).TotalSeconds);
        LastPredicted = time;
    }

    public void Match(in DetectedObject detection, DateTimeOffset time, bool isHigh)
    {
        HasHighHit |= isHigh;
        Filter.Update(detection.Box);
        LastSeen = time;
        LastDetection = detection;
        Hits++;
        Vote(detection);
    }

    public Box Box => Filter.Box;

    /// <summary>A two-wheeler detection on or beside the object in the current frame: evidence of its class, not another object.</summary>
    public void Absorb(in DetectedObject twoWheeler) => _twoWheelers.Add(twoWheeler);

    /// <summary>Ends the frame at <paramref name="time"/>: what was seen of the object in it becomes class evidence.</summary>
    public void CloseFrame(DateTimeOffset time)
    {
        if (LastSeen == time)
        {
            Evidence = Evidence.With(LastDetection, CollectionsMarshal.AsSpan(_twoWheelers), _previousAnchor);
            _previousAnchor = LastDetection.Box.Anchor;
        }

        _twoWheelers.Clear();
    }

    private void Vote(in DetectedObject detection)
    {
        _classVotes[(int)detection.Class] += detection.Score;
        _kindVotes[(int)detection.Kind] += detection.Score;
    }

    private static int ArgMax(ReadOnlySpan<float> votes, int offset = 0)
    {
        var best = 0;
        for (var i = 1; i < votes.Length; i++)
        {
            if (votes[i] > votes[best])
            {
                best = i;
            }
        }

        return best + offset;
    }
}
