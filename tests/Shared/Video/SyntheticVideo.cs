using System.Text;
using OpenCvSharp;

namespace Analytics.Tests.Shared;

/// <summary>
/// Tiny recordings written by the tests themselves (image and video writers are banned in product code only):
/// 160x120 by default, MPEG-4 Part 2 in .mp4 or Motion JPEG in .avi (the bundled FFmpeg has no H.264 encoder). A
/// moving square makes every frame, and <c>shade</c> every clip, different, so that two clips never have the same
/// content hash unless a test copies one. Compiled into the test projects that reference OpenCvSharp.
/// </summary>
internal static class SyntheticVideo
{
    public const int Width = 160;

    public const int Height = 120;

    /// <summary>Writes <paramref name="seconds"/> of video at <paramref name="fps"/> to <paramref name="path"/> (creating its folder) and returns the path.</summary>
    public static string Write(string path, double seconds, double fps = 10, int shade = 0, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        FourCC codec = Path.GetExtension(path).Equals(".avi", StringComparison.OrdinalIgnoreCase) ? FourCC.MJPG : FourCC.FromString("mp4v");
        var frames = (int)Math.Round(seconds * fps);
        using (var writer = new VideoWriter(path, codec, fps, new Size(width, height)))
        using (var frame = new Mat(height, width, MatType.CV_8UC3))
        {
            if (!writer.IsOpened())
            {
                throw new InvalidOperationException($"OpenCV has no writer for {path}");
            }

            for (var i = 0; i < frames; i++)
            {
                frame.SetTo(new Scalar(40 + (shade * 23 % 160), 90, 120));
                Cv2.Rectangle(frame, new Rect(i * 3 % Math.Max(1, width - 16), height / 3, 16, 16), Scalar.White, -1); // in a picture no wider than the square, it stays at the left edge
                writer.Write(frame);
            }
        }

        return path;
    }

    /// <summary>
    /// Writes <paramref name="seconds"/> of a still scene (a textured background, the same in every frame but for the
    /// encoder's noise) with the boxes <paramref name="objectsAt"/> gives for each frame's position (in seconds from the
    /// start) drawn as dark figures: a clip whose picture changes only where, and when, its objects move. <paramref name="shade"/>
    /// changes the background, so that two scenes never share a content hash.
    /// </summary>
    public static string WriteScene(string path, double seconds, Func<double, IEnumerable<Rect>> objectsAt, double fps = 10, int shade = 0, int width = Width, int height = Height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var frames = (int)Math.Round(seconds * fps);
        using var background = new Mat(height, width, MatType.CV_8UC3);
        for (var y = 0; y < height; y += 8)
        {
            for (var x = 0; x < width; x += 8)
            {
                var grey = 90 + ((x * 7 + y * 13 + shade * 29) % 80);
                Cv2.Rectangle(background, new Rect(x, y, 8, 8), new Scalar(grey, grey + 10, grey - 10), -1);
            }
        }

        using var writer = new VideoWriter(path, FourCC.FromString("mp4v"), fps, new Size(width, height));
        using var frame = new Mat();
        if (!writer.IsOpened())
        {
            throw new InvalidOperationException($"OpenCV has no writer for {path}");
        }

        for (var i = 0; i < frames; i++)
        {
            background.CopyTo(frame);
            foreach (var box in objectsAt(i / fps))
            {
                Cv2.Rectangle(frame, box, new Scalar(25, 30, 35), -1);
            }

            writer.Write(frame);
        }

        return path;
    }

    /// <summary>
    /// The first <paramref name="fraction"/> of a clip's bytes, as a recording cut short (a full disk, a copy
    /// interrupted). An AVI cut so still opens and decodes its first frames, then stops short of the frame count
    /// its header announces; an MP4 from OpenCV's writer keeps its index at the end and no longer opens at all.
    /// </summary>
    public static string Truncate(string source, string path, double fraction)
    {
        var bytes = File.ReadAllBytes(source);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
        return path;
    }

    /// <summary>A real AVI (Motion JPEG) whose codec tags are rewritten to a codec no decoder knows.</summary>
    public static string WriteUnknownCodec(string path, int width = Width, int height = Height)
    {
        var avi = Path.ChangeExtension(path, ".tmp.avi");
        Write(avi, seconds: 1, fps: 10, width: width, height: height);
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(avi)).Replace("MJPG", "QZX9", StringComparison.Ordinal);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text));
        File.Delete(avi);
        return path;
    }
}
