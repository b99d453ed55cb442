using System.Runtime.InteropServices;

namespace Analytics.Vision.Video;

/// <summary>
/// OpenCV and the FFmpeg it bundles write their own warnings straight to standard error (<c>[mov,mp4...] moov atom
/// not found</c>, <c>[ WARN:0@...] global cap.cpp ...</c>), which would break a log collector reading one JSON object
/// per line. Every failure they report also comes back to the product as an error it words itself, so their own
/// logging is turned off before either first logs — unless the operator set these variables (for debugging).
/// </summary>
internal static partial class NativeLogging
{
    private static int _silenced;

    public static void Silence()
    {
        if (Interlocked.Exchange(ref _silenced, 1) == 1 || OperatingSystem.IsWindows())
        {
            return;
        }

        // Native getenv reads the process environment, not .NET's copy of it: set them there (never overwriting).
        _ = SetEnv("OPENCV_LOG_LEVEL", "SILENT", 0);
        _ = SetEnv("OPENCV_FFMPEG_LOGLEVEL", "-8", 0); // AV_LOG_QUIET
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
