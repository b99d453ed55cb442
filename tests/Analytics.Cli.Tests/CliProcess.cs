using System.Diagnostics;
using Analytics.Tests.Shared;

namespace Analytics.Cli.Tests;

/// <summary>
/// Runs the real command line as a child process (<c>dotnet analytics.dll</c>), for what only a process can show:
/// <c>kill -9</c>, two runs at once, a run under another user or inside its own mount namespace.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly Task<string> _stdout;

    private CliProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _stdout = process.StandardOutput.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>
    /// Starts <c>analytics ARGS</c> with the repository's models, JSON logs and no progress bars (and, for analyse,
    /// no settling delay unless given). <paramref name="wrapper"/> is a command line the program is run under, which
    /// receives the program and its arguments as "$@" (e.g. <c>["sh", "-c", "mount ... &amp;&amp; exec \"$@\"", "sh"]</c>).
    /// <paramref name="environment"/> sets variables of the child (as the <c>./analytics</c> launcher does);
    /// <paramref name="workingDirectory"/> is where relative paths on the command line are read from.
    /// </summary>
    public static CliProcess Start(IReadOnlyList<string> args, IReadOnlyList<string>? wrapper = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var program = new List<string> { "dotnet", Path.Combine(AppContext.BaseDirectory, "analytics.dll") };
        program.AddRange(args);
        if (args.Count > 0 && args[0] == "analyse")
        {
            program.AddRange(["--progress", "off"]);
            if (!args.Contains("--settle-seconds"))
            {
                program.AddRange(["--settle-seconds", "0"]);
            }
        }

        program.AddRange(["--models-dir", RepositoryPaths.ModelsDirectory, "--log-format", "json"]);
        var command = (wrapper ?? []).Concat(program).ToList();
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? "" };
        command.Skip(1).ToList().ForEach(start.ArgumentList.Add);
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start)!);
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> args, IReadOnlyList<string>? wrapper = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(args, wrapper, environment);
        return await process.WaitAsync(TimeSpan.FromMinutes(5));
    }

    /// <summary>Waits for the process to end; its exit code, and its standard output then error.</summary>
    public async Task<(int ExitCode, string Output)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, await _stdout + await _stderr);
    }

    /// <summary>Waits for the process to end; its exit code, and its standard output and error apart.</summary>
    public async Task<(int ExitCode, string StandardOutput, string StandardError)> WaitApartAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a crash or a power cut.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
