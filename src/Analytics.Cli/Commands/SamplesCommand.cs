using System.CommandLine;
using System.Text.Json;
using Analytics.Cli.Assets;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics samples install</c>: the sample footage the sample jobs of samples/ run on.</summary>
internal static class SamplesCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip };

    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "Copy the videos from this folder when it has them, instead of downloading" };
        var install = new Command("install", "Put the sample videos in samples/videos (copied or downloaded), each checked against its SHA-256") { from };
        install.SetAction(async (parse, cancellationToken) =>
        {
            using var log = AppLogging.Create(parse.GetValue(GlobalOptions.LogFormat), parse.InvocationConfiguration.Error);
            var manifestPath = Path.Combine(ProductPaths.Home, "samples", "videos.json");
            SampleManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<SampleManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken), Json);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                log.Error("{Manifest}: {Reason:l}", manifestPath, e.Message);
                return ExitCodes.InvalidInput;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var failures = await new AssetInstaller(http, log).InstallAllAsync(
                (manifest?.Videos ?? []).Select(v => ($"sample {v.File}", new PinnedAsset(v.File, v.Sha256, v.Url))),
                Path.Combine(ProductPaths.Home, "samples", "videos"),
                parse.GetValue(from),
                cancellationToken);
            return failures == 0 ? ExitCodes.Success : ExitCodes.AssetError;
        });

        var command = new Command("samples", "Sample footage for the sample jobs of samples/");
        command.Subcommands.Add(install);
        return command;
    }

    private sealed record SampleManifest(List<SampleVideo>? Videos);

    private sealed record SampleVideo(string File, string Sha256, string? Url, string? Licence);
}
