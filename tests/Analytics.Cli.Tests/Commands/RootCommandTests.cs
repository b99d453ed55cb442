using System.CommandLine;
using System.Diagnostics;

namespace Analytics.Cli.Tests.Commands;

public sealed class RootCommandTests
{
    [Fact]
    public void Help_lists_the_commands_and_the_product_promises()
    {
        var (exitCode, output) = Invoke("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("models", output, StringComparison.Ordinal);
        Assert.Contains("--log-format", output, StringComparison.Ordinal);
        Assert.Contains("RECORDED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_product_version()
    {
        // --version reports the entry assembly, so run the real program rather than in-process.
        var cli = Path.Combine(AppContext.BaseDirectory, "analytics.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{cli}\" --version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("0.1.0", output.Trim(), StringComparison.Ordinal);
    }

    internal static (int ExitCode, string Output) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
