using System.Globalization;
using System.Reflection;

namespace Analytics.Cli.Host;

/// <summary>
/// The details of an error no command expected, written to a file for a bug report instead of onto the user's
/// terminal: the command line, the version and the exception with its stack trace. No statistics, frame or path
/// beyond those in the command line and the exception are written.
/// </summary>
internal static class CrashReport
{
    /// <summary>Writes the report in the temporary folder and returns its path, or null when it cannot be written.</summary>
    public static string? Write(string[] args, Exception e)
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"analytics-crash-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Environment.ProcessId}.txt");
            var version = Assembly.GetExecutingAssembly().GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            File.WriteAllText(path, $"analytics {version}\ncommand line: {string.Join(' ', args)}\n\n{e}\n");
            return path;
        }
        catch (Exception writeError) when (writeError is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
