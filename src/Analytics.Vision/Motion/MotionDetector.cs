using Analytics.Core.Geometry;
using Analytics.Vision.Video;
using OpenCvSharp;

namespace Analytics.Vision.Motion;

/// <summary>
/// The motion gate's eye: whether anything moved in a frame since a reference frame (the pipeline keeps as reference
/// the last frame the detector saw), compared on a small grayscale thumbnail of each. Privacy masks are left out of
/// the comparison. Robust to what changes a still picture while nothing moves: auto-exposure (the thumbnail's
/// brightness and contrast are first matched to the reference's, from their quartiles), sensor noise and compression
/// flicker (each thumbnail cell averages pixels of its block; the noise level is measured on every comparison, from the
/// difference itself, and a cell counts only well above it and beside another such cell). Motion is a share of the cells, so the same
/// thresholds hold at any resolution. Costs one pass over the frame's rows (<see cref="GreyThumbnail"/>) and a few
/// over 160 x 90 to 160 x 120 cells: 0.2 to 0.4 ms a frame, a small fraction of a decode.
/// </summary>
/// <remarks>Used by one thread at a time (the decode thread); holds two thumbnails and no frame.</remarks>
public sealed class MotionDetector
{
    /// <summary>Thumbnail width in cells: a cell is a block of 12 x 12 pixels of a 1920-pixel-wide frame, 3 x 3 of a 480-pixel one.</summary>
    public const int ThumbnailWidth = 160;

    /// <summary>Share of the compared cells that must change for motion: 0.05 % (7 cells of 160 x 90, a distant pedestrian's step).</summary>
    public const double MinChangedShare = 0.0005;

    /// <summary>Fewest changed cells that are motion, on small thumbnails.</summary>
    public const int MinChangedCells = 3;

    /// <summary>A cell changed when it differs by more than this many noise levels (robust standard deviations of the difference).</summary>
    public const double NoiseMultiple = 4;

    /// <summary>…and by more than this many grey levels, for clean pictures whose measured noise is almost nil.</summary>
    public const double MinLevel = 6;

    /// <summary>Largest brightness gain matched between two frames (auto-exposure steps are smaller; a light switched on is motion).</summary>
    private const double MaxGain = 1.5;

    /// <summary>Quartile spread (grey levels) below which a picture is too flat to estimate a gain from: brightness is matched by offset only.</summary>
    private const int MinSpread = 8;

    /// <summary>Sub-levels per grey level in the histogram of differences (for the median of small differences).</summary>
    private const int Resolution = 4;

    private readonly int _frameWidth;
    private readonly int _frameHeight;
    private readonly Size _size;
    private readonly bool[] _ignored;
    private readonly GreyThumbnail _thumbnail;
    private readonly ushort[] _bins;
    private byte[] _current;
    private byte[] _reference;
    private bool _measured;
    private bool _hasReference;

    /// <param name="frameWidth">Width of the frames to compare, in pixels.</param>
    /// <param name="frameHeight">Height of the frames to compare, in pixels.</param>
    /// <param name="privacyMasks">The camera's privacy masks in frame pixels: the cells they touch are never compared.</param>
    public MotionDetector(int frameWidth, int frameHeight, IReadOnlyList<Polygon>? privacyMasks = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameHeight, 1);
        _frameWidth = frameWidth;
        _frameHeight = frameHeight;
        var width = Math.Min(ThumbnailWidth, frameWidth);
        _size = new Size(width, Math.Max(1, (int)Math.Round(frameHeight * (double)width / frameWidth)));
        var cells = _size.Width * _size.Height;
        _current = new byte[cells];
        _reference = new byte[cells];
        _ignored = new bool[cells];
        _bins = new ushort[cells];
        _thumbnail = new GreyThumbnail(frameWidth, frameHeight, _size.Width, _size.Height);
        if (privacyMasks is { Count: > 0 })
        {
            using var mask = new PrivacyMask(privacyMasks, frameWidth, frameHeight);
            _ignored = _thumbnail.Covered(mask.Raster); // a cell partly under a mask is left out whole
        }
    }

    /// <summary>Thumbnail size in cells (width, height).</summary>
    public (int Width, int Height) Thumbnail => (_size.Width, _size.Height);

    /// <summary>
    /// Compares <paramref name="frame"/> (BGR, privacy masks painted) with the reference. The frame's thumbnail is
    /// kept until the next call, so that <see cref="KeepAsReference"/> can make it the new reference.
    /// </summary>
    public MotionReading Measure(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Measure(frame.Pixels);
    }

    /// <summary>As <see cref="Measure(VideoFrame)"/>, on a BGR image of the frame size.</summary>
    internal MotionReading Measure(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != _frameWidth || frame.Height != _frameHeight)
        {
            throw new ArgumentException($"frame of {frame.Width}x{frame.Height}, detector made for {_frameWidth}x{_frameHeight}", nameof(frame));
        }

        _thumbnail.Fill(frame, _current);
        _measured = true;
        return _hasReference ? Compare(_reference, _current, _ignored, _size.Width, _bins) : MotionReading.NoReference;
    }

    /// <summary>Makes the frame measured last the reference of the next comparisons (the detector is about to see it).</summary>
    public void KeepAsReference()
    {
        if (!_measured)
        {
            throw new InvalidOperationException("no frame measured since the reference was last set");
        }

        (_reference, _current) = (_current, _reference);
        _measured = false;
        _hasReference = true;
    }

    /// <summary>Forgets the reference: the next frame measured is motion (a fresh start, as at the beginning of a file).</summary>
    public void Forget()
    {
        _hasReference = false;
        _measured = false;
    }

    /// <summary>
    /// Compares two thumbnails of the same size (grey levels, row by row, <paramref name="width"/> cells a row),
    /// leaving out the <paramref name="ignored"/> cells: brightness and contrast of <paramref name="current"/> matched
    /// to <paramref name="reference"/> by their quartiles, then the share of cells whose difference stands out of the
    /// noise and touches another such cell (a moving object changes a patch of cells; flicker and noise, scattered
    /// ones). <paramref name="bins"/> is scratch space of the thumbnails' size.
    /// </summary>
    internal static MotionReading Compare(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> current, ReadOnlySpan<bool> ignored, int width, Span<ushort> bins)
    {
        if (reference.Length != current.Length || ignored.Length != current.Length || bins.Length != current.Length || width < 1 || current.Length % width != 0)
        {
            throw new ArgumentException("thumbnails of different sizes");
        }

        Span<int> referenceLevels = stackalloc int[256];
        Span<int> currentLevels = stackalloc int[256];
        referenceLevels.Clear();
        currentLevels.Clear();
        var compared = 0;
        for (var i = 0; i < current.Length; i++)
        {
            if (!ignored[i])
            {
                referenceLevels[reference[i]]++;
                currentLevels[current[i]]++;
                compared++;
            }
        }

        if (compared == 0)
        {
            return new MotionReading(false, 0, 0); // all under privacy masks: nothing can be seen to move
        }

        var (r25, r50, r75) = Quartiles(referenceLevels, compared);
        var (c25, c50, c75) = Quartiles(currentLevels, compared);
        var gain = r75 - r25 >= MinSpread && c75 - c25 >= MinSpread ? Math.Clamp((r75 - r25) / (double)(c75 - c25), 1 / MaxGain, MaxGain) : 1;
        var offset = r50 - (gain * c50);

        // Current levels as the reference's brightness would show them, once per level rather than once per cell.
        Span<double> matched = stackalloc double[256];
        for (var level = 0; level < matched.Length; level++)
        {
            matched[level] = (gain * level) + offset;
        }

        // Each cell's difference once, as a histogram bin (masked cells: 0, below any threshold).
        Span<int> differences = stackalloc int[256 * Resolution];
        differences.Clear();
        for (var i = 0; i < current.Length; i++)
        {
            var bin = ignored[i] ? 0 : Bin(reference[i] - matched[current[i]], differences.Length);
            bins[i] = (ushort)bin;
            if (!ignored[i])
            {
                differences[bin]++;
            }
        }

        // The median absolute difference is the noise: most of the picture does not move, even when something does.
        var noise = 1.4826 * (Quantile(differences, compared, 0.5) + 0.5) / Resolution;
        var threshold = (int)Math.Ceiling(Math.Max(MinLevel, NoiseMultiple * noise) * Resolution);
        var moving = 0;
        for (var i = 0; i < current.Length; i++)
        {
            if (bins[i] >= threshold && HasChangedNeighbour(bins, threshold, i, width))
            {
                moving++;
            }
        }

        var needed = Math.Max(MinChangedCells, (int)Math.Ceiling(MinChangedShare * compared));
        return new MotionReading(moving >= needed, moving / (double)compared, noise);
    }

    private static int Bin(double difference, int bins) => Math.Min(bins - 1, (int)(Math.Abs(difference) * Resolution));

    private static bool HasChangedNeighbour(ReadOnlySpan<ushort> bins, int threshold, int i, int width)
    {
        var x = i % width;
        return (x > 0 && bins[i - 1] >= threshold) || (x < width - 1 && bins[i + 1] >= threshold)
            || (i >= width && bins[i - width] >= threshold) || (i + width < bins.Length && bins[i + width] >= threshold);
    }

    private static (int Q25, int Q50, int Q75) Quartiles(ReadOnlySpan<int> histogram, int count) =>
        (Quantile(histogram, count, 0.25), Quantile(histogram, count, 0.5), Quantile(histogram, count, 0.75));

    /// <summary>The bin holding the <paramref name="q"/> quantile of <paramref name="count"/> values.</summary>
    private static int Quantile(ReadOnlySpan<int> histogram, int count, double q)
    {
        var rank = (long)Math.Ceiling(q * count);
        long seen = 0;
        for (var bin = 0; bin < histogram.Length; bin++)
        {
            seen += histogram[bin];
            if (seen >= Math.Max(1, rank))
            {
                return bin;
            }
        }

        return histogram.Length - 1;
    }
}
