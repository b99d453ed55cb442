using System.Diagnostics;
using Analytics.Core.Geometry;

namespace Analytics.Vision.Detection;

/// <summary>
/// A generalised-focal-loss head (PP-PicoDet): one level per stride, each level a square grid of
/// <c>fw = ceil(S / stride)</c> cells, row <c>i</c> at cell <c>(i % fw, i / fw)</c> whose centre is
/// <c>((gx + 0.5)·stride, (gy + 0.5)·stride)</c>. The outputs, in order, are the class scores of every level
/// (<c>[1, N_l, C]</c>, already sigmoid, no objectness: a row's score is its best class) and then the box
/// distributions of every level (<c>[1, N_l, 4·(regMax + 1)]</c>): for each side (left, top, right, bottom),
/// regMax + 1 logits over the distances 0..regMax strides; the side's distance is the softmax's expectation times
/// the stride. Boxes come out in input pixels.
/// </summary>
internal sealed class GflOutputDecoder : IOutputDecoder
{
    private readonly int _classCount;
    private readonly int _bins;
    private readonly Level[] _levels;

    public GflOutputDecoder(int inputSize, int classCount, IReadOnlyList<int> strides, int regMax)
    {
        ArgumentNullException.ThrowIfNull(strides);
        _classCount = classCount;
        _bins = regMax + 1;
        _levels = new Level[strides.Count];
        var shapes = new IReadOnlyList<long>[2 * strides.Count];
        var scoreOffset = 0;
        var boxOffset = strides.Sum(s => Cells(inputSize, s) * Cells(inputSize, s) * classCount);
        for (var l = 0; l < strides.Count; l++)
        {
            var width = Cells(inputSize, strides[l]);
            var rows = width * width;
            _levels[l] = new Level(strides[l], width, rows, scoreOffset, boxOffset);
            shapes[l] = [1, rows, classCount];
            shapes[strides.Count + l] = [1, rows, 4 * _bins];
            scoreOffset += rows * classCount;
            boxOffset += rows * 4 * _bins;
        }

        ExpectedOutputShapes = shapes;
    }

    public IReadOnlyList<IReadOnlyList<long>> ExpectedOutputShapes { get; }

    public void Decode(ReadOnlySpan<float> output, ReadOnlySpan<int> classIds, float scoreThreshold, List<Candidate> candidates)
    {
        foreach (var level in _levels)
        {
            var scores = output.Slice(level.ScoreOffset, level.Rows * _classCount);
            var distributions = output.Slice(level.BoxOffset, level.Rows * 4 * _bins);
            for (var i = 0; i < level.Rows; i++)
            {
                var row = scores.Slice(i * _classCount, _classCount);
                var bestScore = 0f;
                var bestClass = -1;
                foreach (var classId in classIds)
                {
                    if (row[classId] > bestScore)
                    {
                        bestScore = row[classId];
                        bestClass = classId;
                    }
                }

                if (bestClass < 0 || bestScore < scoreThreshold)
                {
                    continue;
                }

                var sides = distributions.Slice(i * 4 * _bins, 4 * _bins);
                var centerX = ((i % level.Width) + 0.5f) * level.Stride;
                var centerY = ((i / level.Width) + 0.5f) * level.Stride;
                var box = new Box(
                    centerX - (Expectation(sides[.._bins]) * level.Stride),
                    centerY - (Expectation(sides.Slice(_bins, _bins)) * level.Stride),
                    centerX + (Expectation(sides.Slice(2 * _bins, _bins)) * level.Stride),
                    centerY + (Expectation(sides.Slice(3 * _bins, _bins)) * level.Stride));
                candidates.Add(new Candidate(box, bestScore, bestClass));
            }
        }
    }

    /// <summary>Σ k·softmax(logits)_k: the expected distance, in strides, of one side's distribution.</summary>
    internal static float Expectation(ReadOnlySpan<float> logits)
    {
        Debug.Assert(logits.Length > 0, "a distribution has at least one bin");
        var max = logits[0];
        foreach (var logit in logits)
        {
            max = MathF.Max(max, logit);
        }

        var sum = 0f;
        var weighted = 0f;
        for (var k = 0; k < logits.Length; k++)
        {
            var p = MathF.Exp(logits[k] - max); // shifted by the maximum: no overflow, same softmax
            sum += p;
            weighted += k * p;
        }

        return weighted / sum;
    }

    private static int Cells(int inputSize, int stride) => (inputSize + stride - 1) / stride;

    /// <param name="Stride">Input pixels per cell.</param>
    /// <param name="Width">Cells per side of the level's square grid.</param>
    /// <param name="Rows">Cells of the level (<c>Width²</c>).</param>
    /// <param name="ScoreOffset">Where the level's class scores start in the concatenated output.</param>
    /// <param name="BoxOffset">Where the level's box distributions start in the concatenated output.</param>
    private readonly record struct Level(int Stride, int Width, int Rows, int ScoreOffset, int BoxOffset);
}
