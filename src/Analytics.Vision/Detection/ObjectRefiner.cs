using System.Runtime.InteropServices;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Vision.Detection;

/// <summary>
/// Makes one object of what the detector sees as several:
/// <list type="bullet">
/// <item><b>Duplicates.</b> Two boxes on one four-wheeled vehicle (car, bus or truck, whatever the sub-classes: car
/// and truck on the same van, a part of a car boxed again inside it), or on one two-wheeler (bicycle or motorcycle:
/// detectors call a cyclist either), are one object: the higher-scored box stays, with its class, and the other
/// goes, except that a bicycle box on a two-wheeler makes it a bicycle whichever box scored higher. Small COCO
/// detectors often box a cyclist as a motorcycle as well (YOLOX-Nano does on most frames of a cyclist riding towards
/// the camera, and the motorcycle box often scores a little higher), while a bicycle box is what only a bicycle
/// shows: its thin frame and wheels, without a motorcycle's body. (No motorcycle in the sample footage measures how
/// often a motorcycle is boxed as a bicycle.) Suppressed rather than merged: the union of a real car and a low-scored box spanning a row of parked cars
/// would move the car's anchor and swallow its neighbours. Class-wise NMS already removed same-class boxes that
/// overlap; this is the class-agnostic step across sub-classes, the same for every model.</item>
/// <item><b>Riders.</b> A person whose box sits on a bicycle or motorcycle box is its rider: the two become one
/// cycle (or motorcycle) whose box is their union, and further boxes on parts of the same rider go. The person is
/// not a pedestrian.</item>
/// </list>
/// A four-wheeler never suppresses a two-wheeler, nor the reverse (a motorcycle filtering past a van is two
/// vehicles), and people are never merged with each other. Works in place on a frame's objects, ordered by
/// descending score; reuses its buffers.
/// </summary>
public sealed class ObjectRefiner
{
    /// <summary>Two vehicle (or two two-wheeler) boxes overlapping this much (IoU) are one object.</summary>
    public const float VehicleDuplicateIoU = 0.5f;

    /// <summary>...or when the smaller box lies this much inside the larger (a car box inside a truck box).</summary>
    public const float VehicleDuplicateContainment = 0.85f;

    /// <summary>Minimum share of the person's box that must overlap the cycle's box for a rider.</summary>
    public const float RiderMinOverlap = 0.2f;

    /// <summary>A second person box sitting on a cycle and lying this much inside the cyclist's box is part of its rider.</summary>
    public const float RiderPartContainment = 0.85f;

    private bool[] _removed = new bool[64];

    /// <summary>Removes same-object duplicates and merges riders in <paramref name="objects"/>, in place.</summary>
    public void Refine(List<DetectedObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var span = CollectionsMarshal.AsSpan(objects);
        if (_removed.Length < span.Length)
        {
            _removed = new bool[Math.Max(span.Length, _removed.Length * 2)];
        }

        var removed = _removed.AsSpan(0, span.Length);
        removed.Clear();
        SuppressDuplicates(span, removed);
        MergeRiders(span, removed);

        var kept = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (!removed[i])
            {
                span[kept++] = span[i];
            }
        }

        objects.RemoveRange(kept, objects.Count - kept);
    }

    /// <summary>
    /// True when a person box <paramref name="person"/> is the rider of the cycle box <paramref name="cycle"/>: centred
    /// over it, feet on the pedals, and either the head above the box (a bicycle box without its rider) or the box
    /// already drawn round the rider (a person as tall as most of the box, starting in its top quarter: detectors
    /// often box a cyclist as a motorcycle, rider included).
    /// </summary>
    public static bool IsRider(in Box person, in Box cycle)
    {
        var overlap = person.Area <= 0f ? 0f : person.IntersectionArea(cycle) / person.Area;
        return overlap >= RiderMinOverlap
            && person.CenterX >= cycle.Left && person.CenterX <= cycle.Right   // centred over the frame, not beside it
            && (person.Top < cycle.Top                                          // head above the handlebars
                || (person.Top < cycle.Top + (0.25f * cycle.Height) && person.Height >= 0.6f * cycle.Height)) // rider inside the box
            && person.Bottom <= cycle.Bottom + (0.15f * cycle.Height)          // feet on the pedals, not on the ground behind
            && person.Bottom >= cycle.Top + (0.25f * cycle.Height);
    }

    /// <summary>True when <paramref name="lower"/> is a second box on the object <paramref name="higher"/> was found on.</summary>
    public static bool IsDuplicate(in DetectedObject higher, in DetectedObject lower)
    {
        var group = Wheels(higher);
        if (group == 0 || group != Wheels(lower))
        {
            return false;
        }

        var a = higher.Box;
        var b = lower.Box;
        var smaller = MathF.Min(a.Area, b.Area);
        var containment = smaller <= 0f ? 0f : a.IntersectionArea(b) / smaller;
        return a.IoU(b) >= VehicleDuplicateIoU || containment >= VehicleDuplicateContainment;
    }

    // 4: car, bus, truck; 2: bicycle, motorcycle; 0: a person (never a duplicate).
    private static int Wheels(in DetectedObject o) => o.Class switch
    {
        ObjectClass.Cycle => 2,
        ObjectClass.Vehicle => o.Kind == VehicleKind.Motorcycle ? 2 : 4,
        _ => 0,
    };

    private static void SuppressDuplicates(Span<DetectedObject> objects, Span<bool> removed)
    {
        for (var i = 0; i < objects.Length; i++)
        {
            if (removed[i] || Wheels(objects[i]) == 0)
            {
                continue;
            }

            for (var j = i + 1; j < objects.Length; j++)
            {
                // Higher score first (the list is score-ordered): i stays, j goes; a bicycle box makes the two-wheeler a bicycle.
                if (!removed[j] && IsDuplicate(objects[i], objects[j]))
                {
                    removed[j] = true;
                    if (objects[j].Class == ObjectClass.Cycle && objects[i].Class == ObjectClass.Vehicle)
                    {
                        objects[i] = objects[i] with { Class = ObjectClass.Cycle, Kind = VehicleKind.None };
                    }
                }
            }
        }
    }

    private static void MergeRiders(Span<DetectedObject> objects, Span<bool> removed)
    {
        // Each cycle takes one rider, the highest-scored person sitting on it. Other person boxes sitting on it and lying
        // inside the cyclist's box (bicycle and rider) are parts of the same rider (a torso, the legs) and go: left
        // there, they would move with the cycle and be counted as a pedestrian riding along.
        for (var c = 0; c < objects.Length; c++)
        {
            var cycle = objects[c];
            var isCycle = cycle.Class == ObjectClass.Cycle || (cycle.Class == ObjectClass.Vehicle && cycle.Kind == VehicleKind.Motorcycle);
            if (removed[c] || !isCycle)
            {
                continue;
            }

            var rider = -1;
            for (var p = 0; p < objects.Length; p++)
            {
                if (!removed[p] && objects[p].Class == ObjectClass.Pedestrian && IsRider(objects[p].Box, cycle.Box)
                    && (rider < 0 || objects[p].Score > objects[rider].Score))
                {
                    rider = p;
                }
            }

            if (rider < 0)
            {
                continue;
            }

            var cyclist = cycle.Box.Union(objects[rider].Box);
            objects[c] = cycle with { Box = cyclist, Score = MathF.Max(cycle.Score, objects[rider].Score) };
            removed[rider] = true;
            for (var p = 0; p < objects.Length; p++)
            {
                var part = objects[p].Box;
                if (!removed[p] && objects[p].Class == ObjectClass.Pedestrian && IsRider(part, cycle.Box)
                    && part.Area > 0f && part.IntersectionArea(cyclist) / part.Area >= RiderPartContainment)
                {
                    removed[p] = true;
                }
            }
        }
    }
}
