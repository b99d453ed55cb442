using System.Numerics;
using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Analytics.Vision.Motion;

/// <summary>
/// A frame reduced to a small grid of grey cells, each the mean of its block of pixels: the motion gate's view of a
/// frame. Blocks tile the frame on whole pixels (a 768-pixel-wide frame in 160 columns: blocks 4 and 5 pixels wide).
/// A block of up to <see cref="WholeSpan"/> pixels a side is averaged whole; a larger one (HD frames) by
/// <see cref="SampledSpan"/> rows and columns spread over it (16 pixels of a 1080p frame's 12 x 12 block), which is
/// as steady against noise and reads a fraction of the frame.
/// </summary>
/// <remarks>
/// Sums the rows of each band of cells into one row of column totals (vector adds), then each cell's columns: about
/// 0.1 ms at 480 x 360 and 768 x 432, where OpenCV's area reduction takes 0.3 and 1 ms (a block of fractional size
/// is its slow path; <c>MotionGateBenchmarks</c>). Used by one thread at a time.
/// </remarks>
internal sealed class GreyThumbnail
{
    /// <summary>Blocks up to this many pixels a side are averaged whole.</summary>
    public const int WholeSpan = 8;

    /// <summary>Rows and columns sampled in a larger block.</summary>
    public const int SampledSpan = 4;

    private readonly int _frameWidth;
    private readonly int _frameHeight;
    private readonly int _width;
    private readonly int[] _rowStarts;
    private readonly int[] _rows;
    private readonly int[] _columnStarts;
    private readonly int[] _columns;
    private readonly double[] _columnShares;
    private readonly ushort[] _totals;

    public GreyThumbnail(int frameWidth, int frameHeight, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, frameWidth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, frameHeight);
        _frameWidth = frameWidth;
        _frameHeight = frameHeight;
        _width = width;
        (_rowStarts, _rows) = Spread(frameHeight, height);
        (_columnStarts, _columns) = Spread(frameWidth, width);
        _columnShares = [.. Enumerable.Range(0, width).Select(x => 1.0 / (_columnStarts[x + 1] - _columnStarts[x]))];
        _totals = new ushort[frameWidth * 3];
    }

    /// <summary>Fills <paramref name="cells"/> (row by row) with the grey means of <paramref name="frame"/>'s blocks (8-bit BGR, the frame size).</summary>
    public unsafe void Fill(Mat frame, Span<byte> cells)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != _frameWidth || frame.Height != _frameHeight || frame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"a {_frameWidth}x{_frameHeight} BGR frame is expected", nameof(frame));
        }

        var height = _rowStarts.Length - 1;
        if (cells.Length != _width * height)
        {
            throw new ArgumentException("cells of another thumbnail size", nameof(cells));
        }

        var step = checked((int)frame.Step());
        var pixels = (byte*)frame.DataPointer;
        var totals = _totals.AsSpan();
        fixed (ushort* sums = _totals)
        fixed (int* columnStarts = _columnStarts, columns = _columns)
        fixed (double* columnShares = _columnShares)
        fixed (byte* thumbnail = cells)
        {
            for (var y = 0; y < height; y++)
            {
                totals.Clear();
                int firstRow = _rowStarts[y], endRow = _rowStarts[y + 1];
                for (var r = firstRow; r < endRow; r++)
                {
                    AddRow(new ReadOnlySpan<byte>(pixels + ((long)_rows[r] * step), totals.Length), totals);
                }

                var perRow = 1.0 / (endRow - firstRow);
                var line = thumbnail + (y * _width);
                for (var x = 0; x < _width; x++)
                {
                    int blue = 0, green = 0, red = 0;
                    int first = columnStarts[x], end = columnStarts[x + 1];
                    for (var c = first; c < end; c++)
                    {
                        var at = sums + (columns[c] * 3);
                        blue += at[0];
                        green += at[1];
                        red += at[2];
                    }

                    // ITU-R BT.601 luma, as OpenCV's BGR to grey, over the pixels summed (a product: no division per cell).
                    var luma = ((0.114 * blue) + (0.587 * green) + (0.299 * red)) * perRow * columnShares[x];
                    line[x] = (byte)Math.Min(255, (int)(luma + 0.5));
                }
            }
        }
    }

    /// <summary>Cells whose block holds any non-zero pixel of <paramref name="raster"/> (8-bit, one channel, the frame size), row by row.</summary>
    public bool[] Covered(Mat raster)
    {
        ArgumentNullException.ThrowIfNull(raster);
        if (raster.Width != _frameWidth || raster.Height != _frameHeight || raster.Type() != MatType.CV_8UC1)
        {
            throw new ArgumentException($"a {_frameWidth}x{_frameHeight} one-channel raster is expected", nameof(raster));
        }

        var pixels = new byte[_frameWidth * _frameHeight];
        if (raster.IsContinuous())
        {
            Marshal.Copy(raster.Data, pixels, 0, pixels.Length);
        }
        else
        {
            using var continuous = raster.Clone();
            Marshal.Copy(continuous.Data, pixels, 0, pixels.Length);
        }

        var height = _rowStarts.Length - 1;
        var covered = new bool[_width * height];
        for (var y = 0; y < _frameHeight; y++)
        {
            var cellRow = CellOf(y, _frameHeight, height);
            for (var x = 0; x < _frameWidth; x++)
            {
                if (pixels[(y * _frameWidth) + x] != 0)
                {
                    covered[(cellRow * _width) + CellOf(x, _frameWidth, _width)] = true;
                }
            }
        }

        return covered;
    }

    /// <summary>The block of <paramref name="cells"/> over <paramref name="length"/> pixels that pixel <paramref name="at"/> falls in.</summary>
    private static int CellOf(int at, int length, int cells) => (int)(((long)at * cells) / length);

    /// <summary>
    /// For <paramref name="cells"/> blocks over <paramref name="length"/> pixels, the pixels each is read from (all of a
    /// block of up to <see cref="WholeSpan"/>, <see cref="SampledSpan"/> spread over a larger one): cell i's are
    /// <c>Pixels[Starts[i]..Starts[i + 1]]</c>.
    /// </summary>
    private static (int[] Starts, int[] Pixels) Spread(int length, int cells)
    {
        var starts = new int[cells + 1];
        var pixels = new List<int>();
        for (var cell = 0; cell < cells; cell++)
        {
            starts[cell] = pixels.Count;
            var first = (int)(((long)cell * length + cells - 1) / cells); // the first pixel whose block is this cell
            var end = (int)(((long)(cell + 1) * length + cells - 1) / cells);
            var span = end - first;
            if (span <= WholeSpan)
            {
                for (var p = first; p < end; p++)
                {
                    pixels.Add(p);
                }
            }
            else
            {
                for (var i = 0; i < SampledSpan; i++)
                {
                    pixels.Add(first + (((2 * i) + 1) * span / (2 * SampledSpan)));
                }
            }
        }

        starts[cells] = pixels.Count;
        return (starts, [.. pixels]);
    }

    /// <summary>Adds each byte of <paramref name="row"/> to the total of its column.</summary>
    private static void AddRow(ReadOnlySpan<byte> row, Span<ushort> totals)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var bytes = MemoryMarshal.Cast<byte, Vector<byte>>(row);
            var sums = MemoryMarshal.Cast<ushort, Vector<ushort>>(totals);
            for (var v = 0; v < bytes.Length; v++)
            {
                Vector.Widen(bytes[v], out var low, out var high);
                sums[2 * v] += low;
                sums[(2 * v) + 1] += high;
            }

            i = bytes.Length * Vector<byte>.Count;
        }

        for (; i < row.Length; i++)
        {
            totals[i] += row[i];
        }
    }
}
