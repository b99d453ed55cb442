using System.Diagnostics;

namespace Analytics.Tests.Shared;

/// <summary>
/// Debian's <c>ffmpeg</c> command (installed by <c>./setup.sh</c>), for footage the bundled OpenCV cannot write: H.264
/// and AV1 encodes, clips cut with stream copy as recorders export them. Compiled into the test projects that
/// reference OpenCvSharp.
/// </summary>
internal static class FfmpegTool
{
    /// <summary>Runs <c>ffmpeg -v error -y</c> with <paramref name="arguments"/>; throws with its error output when it fails.</summary>
    public static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-nostdin", "-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("the ffmpeg command is missing: ./setup.sh installs it (apt-get install ffmpeg)", e);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors.Result}");
            }
        }
    }
}
