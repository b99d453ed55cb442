using System.Diagnostics;
using System.Text.RegularExpressions;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests.Compliance;

/// <summary>
/// Proves that the compile-time ban bites: tests/BanCanary uses one banned API per line, under the same rules as
/// product code, and must fail to build with RS0030 on every one of them. Removing a line from
/// BannedSymbols.txt (or the analyzer itself) turns this test red.
/// </summary>
public sealed partial class BiometricBanTests
{
    [Fact]
    public void Canary_using_face_APIs_and_frame_writers_fails_to_build_with_the_banned_symbol_diagnostic()
    {
        var canaryDirectory = Path.Combine(RepositoryPaths.Root, "tests", "BanCanary");
        var canarySource = File.ReadAllLines(Path.Combine(canaryDirectory, "Canary.cs"));
        var expectedLines = canarySource
            .Select((text, index) => (text, line: index + 1))
            .Where(l => l.text.Contains("Create(", StringComparison.Ordinal) || l.text.Contains("new ", StringComparison.Ordinal)
                        || l.text.Contains("Cv2.", StringComparison.Ordinal) || l.text.Contains(".SaveImage", StringComparison.Ordinal))
            .Select(l => l.line)
            .ToHashSet();
        Assert.True(expectedLines.Count >= 10, "the canary should exercise at least ten banned APIs");

        var (exitCode, output) = RunDotnet($"build \"{canaryDirectory}\" -c Release -nologo -clp:NoSummary --property:UseSharedCompilation=false");

        Assert.NotEqual(0, exitCode);
        var bannedLines = BannedDiagnostic().Matches(output).Select(m => int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var notBanned = expectedLines.Except(bannedLines).Select(l => $"{l}: {canarySource[l - 1].Trim()}").ToList();
        Assert.True(notBanned.Count == 0, "these canary lines compiled without RS0030:\n" + string.Join("\n", notBanned) + "\n--- build output ---\n" + output);
        Assert.DoesNotMatch(@"error CS\d{4}", output);
    }

    private static (int ExitCode, string Output) RunDotnet(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the canary build did not finish in 5 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [GeneratedRegex(@"Canary\.cs\((?<line>\d+),\d+\): error RS0030")]
    private static partial Regex BannedDiagnostic();
}
