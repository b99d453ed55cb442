using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Core.Tracking;

/// <summary>
/// What a track's detections said about its class over its whole life, summed so that the fragments of one object
/// (a track broken and stitched again) add up, and decided once at the end (<see cref="Decide"/>). Per-frame class
/// flicker is the detector's; the object has one class.
/// </summary>
/// <remarks>
/// Two-wheelers need more than a majority of frames: a small model often misses the bicycle under its rider (the
/// frame then shows a pedestrian), and often reports a bicycle and a motorcycle box on the same object. So a
/// two-wheeler seen with the object counts by the <i>distance</i> it travelled with it: a person who rides a
/// bicycle over a good part of their path is a cyclist however many frames missed the bicycle, while a pedestrian
/// walking past a parked bicycle shares only a few steps with it. Bicycle or motorcycle is then decided for the
/// whole track, by the frames in which one outscored the other.
/// </remarks>
public readonly record struct ClassEvidence
{
    /// <summary>Share of the distance travelled with a two-wheeler above which the object is a two-wheeler.</summary>
    public const float TwoWheelerShare = 1f / 3;

    /// <summary>Score-weighted votes of the detections matched to the track, per class.</summary>
    public float Person { get; init; }

    public float Bicycle { get; init; }

    public float Motorcycle { get; init; }

    public float Car { get; init; }

    public float Bus { get; init; }

    public float Truck { get; init; }

    /// <summary>Frames in which a bicycle outscored any motorcycle on the object, and the reverse.</summary>
    public int BicycleFrames { get; init; }

    public int MotorcycleFrames { get; init; }

    /// <summary>Frames in which the object was detected, and those with a two-wheeler on or beside it.</summary>
    public int Frames { get; init; }

    public int TwoWheelerFrames { get; init; }

    /// <summary>Distance its anchor travelled between detections, in box heights (so near and far objects weigh alike).</summary>
    public float Travelled { get; init; }

    /// <summary>The part of <see cref="Travelled"/> that ended on a frame with a two-wheeler on or beside the object.</summary>
    public float TravelledWithTwoWheeler { get; init; }

    public static ClassEvidence operator +(ClassEvidence a, ClassEvidence b) => new()
    {
        Person = a.Person + b.Person,
        Bicycle = a.Bicycle + b.Bicycle,
        Motorcycle = a.Motorcycle + b.Motorcycle,
        Car = a.Car + b.Car,
        Bus = a.Bus + b.Bus,
        Truck = a.Truck + b.Truck,
        BicycleFrames = a.BicycleFrames + b.BicycleFrames,
        MotorcycleFrames = a.MotorcycleFrames + b.MotorcycleFrames,
        Frames = a.Frames + b.Frames,
        TwoWheelerFrames = a.TwoWheelerFrames + b.TwoWheelerFrames,
        Travelled = a.Travelled + b.Travelled,
        TravelledWithTwoWheeler = a.TravelledWithTwoWheeler + b.TravelledWithTwoWheeler,
    };

    public static ClassEvidence Add(ClassEvidence left, ClassEvidence right) => left + right;

    /// <summary>
    /// Adds one frame: the detection matched to the object, the two-wheeler detections absorbed beside it, and the
    /// move of its anchor since its previous detection (null on its first).
    /// </summary>
    public ClassEvidence With(in DetectedObject detection, ReadOnlySpan<DetectedObject> twoWheelers, Point2? previousAnchor)
    {
        var (person, bicycle, motorcycle, car, bus, truck) = (Person, Bicycle, Motorcycle, Car, Bus, Truck);
        switch (detection.Class, detection.Kind)
        {
            case (ObjectClass.Pedestrian, _): person += detection.Score; break;
            case (ObjectClass.Cycle, _): bicycle += detection.Score; break;
            case (ObjectClass.Vehicle, VehicleKind.Motorcycle): motorcycle += detection.Score; break;
            case (ObjectClass.Vehicle, VehicleKind.Bus): bus += detection.Score; break;
            case (ObjectClass.Vehicle, VehicleKind.Truck): truck += detection.Score; break;
            default: car += detection.Score; break;
        }

        // The best-scored two-wheeler of the frame decides the frame's bicycle-or-motorcycle vote.
        float bestBicycle = detection.Class == ObjectClass.Cycle ? detection.Score : 0f;
        float bestMotorcycle = IsMotorcycle(detection) ? detection.Score : 0f;
        foreach (var wheeler in twoWheelers)
        {
            if (wheeler.Class == ObjectClass.Cycle)
            {
                bicycle += wheeler.Score;
                bestBicycle = MathF.Max(bestBicycle, wheeler.Score);
            }
            else
            {
                motorcycle += wheeler.Score;
                bestMotorcycle = MathF.Max(bestMotorcycle, wheeler.Score);
            }
        }

        var withTwoWheeler = bestBicycle > 0f || bestMotorcycle > 0f;
        var step = 0f;
        if (previousAnchor is { } from)
        {
            var anchor = detection.Box.Anchor;
            var (dx, dy) = (anchor.X - from.X, anchor.Y - from.Y);
            step = MathF.Sqrt((dx * dx) + (dy * dy)) / MathF.Max(detection.Box.Height, 1f);
        }

        return new ClassEvidence
        {
            Person = person,
            Bicycle = bicycle,
            Motorcycle = motorcycle,
            Car = car,
            Bus = bus,
            Truck = truck,
            BicycleFrames = BicycleFrames + (withTwoWheeler && bestBicycle >= bestMotorcycle ? 1 : 0),
            MotorcycleFrames = MotorcycleFrames + (withTwoWheeler && bestBicycle < bestMotorcycle ? 1 : 0),
            Frames = Frames + 1,
            TwoWheelerFrames = TwoWheelerFrames + (withTwoWheeler ? 1 : 0),
            Travelled = Travelled + step,
            TravelledWithTwoWheeler = TravelledWithTwoWheeler + (withTwoWheeler ? step : 0f),
        };
    }

    /// <summary>
    /// The object's class: a four-wheeled vehicle when car, bus and truck votes outweigh everything that has a person or
    /// two wheels (sub-class by its votes); otherwise a two-wheeler when one went with it over at least
    /// <see cref="TwoWheelerShare"/> of its path (of its frames, for an object that hardly moved), a bicycle unless
    /// motorcycle frames are more; otherwise a pedestrian.
    /// </summary>
    public (ObjectClass Class, VehicleKind Kind) Decide()
    {
        if (Car + Bus + Truck > Person + Bicycle + Motorcycle)
        {
            return (ObjectClass.Vehicle, Car >= Bus && Car >= Truck ? VehicleKind.Car : Bus >= Truck ? VehicleKind.Bus : VehicleKind.Truck);
        }

        var share = Travelled >= 1f ? TravelledWithTwoWheeler / Travelled : Frames == 0 ? 0f : (float)TwoWheelerFrames / Frames;
        if (share >= TwoWheelerShare)
        {
            return BicycleFrames >= MotorcycleFrames ? (ObjectClass.Cycle, VehicleKind.None) : (ObjectClass.Vehicle, VehicleKind.Motorcycle);
        }

        return (ObjectClass.Pedestrian, VehicleKind.None);
    }

    /// <summary>A bicycle or a motorcycle (with or without its rider merged).</summary>
    public static bool IsTwoWheeler(in DetectedObject detection) => detection.Class == ObjectClass.Cycle || IsMotorcycle(detection);

    private static bool IsMotorcycle(in DetectedObject detection) => detection.Class == ObjectClass.Vehicle && detection.Kind == VehicleKind.Motorcycle;
}
