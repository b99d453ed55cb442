using Analytics.Core.Geometry;

namespace Analytics.Vision.Detection;

/// <summary>
/// YOLOX output <c>[1, N, 5 + C]</c> with the grid decode left outside the graph. Rows run over strides 8, 16, 32;
/// within a stride row-major (gy outer, gx inner). Per row <c>[tx, ty, tw, th, objectness, p0..pC-1]</c>,
/// probabilities already in 0..1: <c>cx = (tx + gx)·s</c>, <c>w = exp(tw)·s</c>, <c>score = objectness · p_class</c>.
/// </summary>
internal sealed class YoloxOutputDecoder : IOutputDecoder
{
    private static readonly int[] Strides = [8, 16, 32];

    private readonly int _rowLength;

    // Per row: grid x, grid y and stride, precomputed once for the input size.
    private readonly float[] _gridX;
    private readonly float[] _gridY;
    private readonly float[] _stride;

    public YoloxOutputDecoder(int inputSize, int classCount)
    {
        _rowLength = 5 + classCount;
        var rows = Strides.Sum(s => (inputSize / s) * (inputSize / s));
        _gridX = new float[rows];
        _gridY = new float[rows];
        _stride = new float[rows];
        var row = 0;
        foreach (var stride in Strides)
        {
            var cells = inputSize / stride;
            for (var gy = 0; gy < cells; gy++)
            {
                for (var gx = 0; gx < cells; gx++, row++)
                {
                    _gridX[row] = gx;
                    _gridY[row] = gy;
                    _stride[row] = stride;
                }
            }
        }

        ExpectedOutputShapes = [[1, rows, _rowLength]];
    }

    public IReadOnlyList<IReadOnlyList<long>> ExpectedOutputShapes { get; }

    public void Decode(ReadOnlySpan<float> output, ReadOnlySpan<int> classIds, float scoreThreshold, List<Candidate> candidates)
    {
        var rows = _gridX.Length;
        for (var row = 0; row < rows; row++)
        {
            var values = output.Slice(row * _rowLength, _rowLength);
            var objectness = values[4];
            if (objectness < scoreThreshold)
            {
                continue; // score = objectness · p ≤ objectness: nothing in this row can pass.
            }

            var bestScore = 0f;
            var bestClass = -1;
            foreach (var classId in classIds)
            {
                var score = objectness * values[5 + classId];
                if (score > bestScore)
                {
                    bestScore = score;
                    bestClass = classId;
                }
            }

            if (bestClass < 0 || bestScore < scoreThreshold)
            {
                continue;
            }

            var stride = _stride[row];
            var centerX = (values[0] + _gridX[row]) * stride;
            var centerY = (values[1] + _gridY[row]) * stride;
            var width = MathF.Exp(values[2]) * stride;
            var height = MathF.Exp(values[3]) * stride;
            candidates.Add(new Candidate(Box.FromCenter(centerX, centerY, width, height), bestScore, bestClass));
        }
    }
}
