using Analytics.Core.Geometry;

namespace Analytics.Vision.Detection;

/// <summary>
/// The common <c>[1, 4 + C, N]</c> YOLO export (YOLOv5u, v8, v11): channel-major, so row <c>k</c> of the
/// tensor holds feature k of every anchor. Features 0..3 are centre x, centre y, width, height in input pixels,
/// then one score per class (no objectness).
/// </summary>
internal sealed class YoloChannelsFirstOutputDecoder : IOutputDecoder
{
    private readonly int _anchors;
    private readonly float[] _bestScore;
    private readonly int[] _bestClass;

    public YoloChannelsFirstOutputDecoder(int anchors, int classCount)
    {
        _anchors = anchors;
        _bestScore = new float[anchors];
        _bestClass = new int[anchors];
        ExpectedOutputShapes = [[1, 4 + classCount, anchors]];
    }

    public IReadOnlyList<IReadOnlyList<long>> ExpectedOutputShapes { get; }

    public void Decode(ReadOnlySpan<float> output, ReadOnlySpan<int> classIds, float scoreThreshold, List<Candidate> candidates)
    {
        var n = _anchors;
        var bestScore = _bestScore.AsSpan();
        var bestClass = _bestClass.AsSpan();
        bestScore.Clear();

        // Walk each class plane contiguously (cache-friendly), keeping the best class per anchor.
        foreach (var classId in classIds)
        {
            var plane = output.Slice((4 + classId) * n, n);
            for (var i = 0; i < n; i++)
            {
                if (plane[i] > bestScore[i])
                {
                    bestScore[i] = plane[i];
                    bestClass[i] = classId;
                }
            }
        }

        var centerX = output[..n];
        var centerY = output.Slice(n, n);
        var width = output.Slice(2 * n, n);
        var height = output.Slice(3 * n, n);
        for (var i = 0; i < n; i++)
        {
            if (bestScore[i] >= scoreThreshold && bestScore[i] > 0f)
            {
                candidates.Add(new Candidate(Box.FromCenter(centerX[i], centerY[i], width[i], height[i]), bestScore[i], bestClass[i]));
            }
        }
    }
}
