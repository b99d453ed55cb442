using System.Runtime.InteropServices;

namespace Analytics.Vision.Detection;

/// <summary>
/// Greedy non-maximum suppression within each model class: of two same-class candidates overlapping by more than
/// the IoU threshold, the lower-scored one goes. Different classes never suppress each other here (a car box and a
/// truck box on one vehicle are resolved later, class-agnostically, by <see cref="ObjectRefiner"/>). Reuses its
/// buffers: no allocation once warmed up.
/// </summary>
internal sealed class ClassAwareNms(float iouThreshold)
{
    private bool[] _suppressed = new bool[256];

    public float IouThreshold { get; } = iouThreshold;

    /// <summary>Sorts <paramref name="candidates"/> by descending score and removes the suppressed ones, in place.</summary>
    public void Apply(List<Candidate> candidates)
    {
        var span = CollectionsMarshal.AsSpan(candidates);
        span.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        if (_suppressed.Length < span.Length)
        {
            _suppressed = new bool[Math.Max(span.Length, _suppressed.Length * 2)];
        }

        var suppressed = _suppressed.AsSpan(0, span.Length);
        suppressed.Clear();
        var kept = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (suppressed[i])
            {
                continue;
            }

            var keeper = span[i];
            for (var j = i + 1; j < span.Length; j++)
            {
                if (!suppressed[j] && span[j].ModelClass == keeper.ModelClass && keeper.Box.IoU(span[j].Box) > IouThreshold)
                {
                    suppressed[j] = true;
                }
            }

            span[kept++] = keeper;
        }

        candidates.RemoveRange(kept, candidates.Count - kept);
    }
}
