using System.Runtime.InteropServices;
using Analytics.Core.Geometry;
using Analytics.Core.Objects;

namespace Analytics.Vision.Detection;

/// <summary>
/// Makes one object of what the detector sees as several:
/// <list type="bullet">
/// <item><b>Riders.</b> A person whose box sits on a bicycle or motorcycle box is its rider: the two become one
/// cycle (or motorcycle) whose box is their union. The person is not a pedestrian.</item>
/// <item><b>Vehicle duplicates.</b> Boxes of different vehicle sub-classes on one object (car and truck on the same
/// van) become one vehicle, keeping the higher-scored sub-class.</item>
/// </list>
/// Works in place on a frame's objects, ordered by descending score; reuses its buffers.
/// </summary>
public sealed class ObjectRefiner
{
    /// <summary>Two vehicle boxes overlapping this much (IoU) are one vehicle.</summary>
    public const float VehicleDuplicateIoU = 0.5f;

    /// <summary>...or when the smaller box lies this much inside the larger (a car box inside a truck box).</summary>
    public const float VehicleDuplicateContainment = 0.85f;

    /// <summary>Minimum share of the person's box that must overlap the cycle's box for a rider.</summary>
    public const float RiderMinOverlap = 0.2f;

    private bool[] _removed = new bool[64];

    /// <summary>Merges riders and vehicle duplicates in <paramref name="objects"/>, in place.</summary>
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
        MergeVehicleDuplicates(span, removed);
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

    /// <summary>True when a person box <paramref name="person"/> is the rider of the cycle box <paramref name="cycle"/>.</summary>
    public static bool IsRider(in Box person, in Box cycle)
    {
        var overlap = person.Area <= 0f ? 0f : person.IntersectionArea(cycle) / person.Area;
        return overlap >= RiderMinOverlap
            && person.CenterX >= cycle.Left && person.CenterX <= cycle.Right   // centred over the frame, not beside it
            && person.Top < cycle.Top                                           // head above the handlebars
            && person.Bottom <= cycle.Bottom + (0.15f * cycle.Height)          // feet on the pedals, not on the ground behind
            && person.Bottom >= cycle.Top + (0.25f * cycle.Height);
    }

    private static void MergeVehicleDuplicates(Span<DetectedObject> objects, Span<bool> removed)
    {
        for (var i = 0; i < objects.Length; i++)
        {
            if (removed[i] || objects[i].Class != ObjectClass.Vehicle)
            {
                continue;
            }

            for (var j = i + 1; j < objects.Length; j++)
            {
                if (removed[j] || objects[j].Class != ObjectClass.Vehicle || objects[j].Kind == objects[i].Kind)
                {
                    continue;
                }

                var a = objects[i].Box;
                var b = objects[j].Box;
                var smaller = MathF.Min(a.Area, b.Area);
                var containment = smaller <= 0f ? 0f : a.IntersectionArea(b) / smaller;
                if (a.IoU(b) >= VehicleDuplicateIoU || containment >= VehicleDuplicateContainment)
                {
                    // Higher score first (the list is score-ordered), so i keeps its sub-class; the union covers both.
                    objects[i] = objects[i] with { Box = a.Union(b), Score = MathF.Max(objects[i].Score, objects[j].Score) };
                    removed[j] = true;
                }
            }
        }
    }

    private static void MergeRiders(Span<DetectedObject> objects, Span<bool> removed)
    {
        // Each cycle takes at most one rider: the person whose box overlaps it most.
        for (var c = 0; c < objects.Length; c++)
        {
            var cycle = objects[c];
            var isCycle = cycle.Class == ObjectClass.Cycle || (cycle.Class == ObjectClass.Vehicle && cycle.Kind == VehicleKind.Motorcycle);
            if (removed[c] || !isCycle)
            {
                continue;
            }

            var rider = -1;
            var bestOverlap = 0f;
            for (var p = 0; p < objects.Length; p++)
            {
                if (removed[p] || objects[p].Class != ObjectClass.Pedestrian || !IsRider(objects[p].Box, cycle.Box))
                {
                    continue;
                }

                var overlap = objects[p].Box.IntersectionArea(cycle.Box) / objects[p].Box.Area;
                if (overlap > bestOverlap)
                {
                    bestOverlap = overlap;
                    rider = p;
                }
            }

            if (rider >= 0)
            {
                objects[c] = cycle with { Box = cycle.Box.Union(objects[rider].Box), Score = MathF.Max(cycle.Score, objects[rider].Score) };
                removed[rider] = true;
            }
        }
    }
}
