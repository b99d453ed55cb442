using System.CommandLine;
using Analytics.Cli.Assets;
using Analytics.Cli.Host;
using Analytics.Cli.Logging;
using Analytics.Core.Integrity;
using Analytics.Vision.Models;

namespace Analytics.Cli.Commands;

/// <summary><c>analytics models list|install</c>: the allow-list of detector models and their files.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the allow-listed detector models, or install their files");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateInstall());
        return command;
    }

    private static Command CreateList()
    {
        var list = new Command("list", "List the models of models/models.json and whether each file is installed and intact");
        list.SetAction(parse =>
        {
            using var log = AppLogging.Create(parse.GetValue(GlobalOptions.LogFormat), parse.InvocationConfiguration.Error);
            var manifest = TryLoad(parse, log);
            if (manifest is null)
            {
                return ExitCodes.AssetError;
            }

            var damaged = 0;
            foreach (var model in manifest.Models)
            {
                var path = manifest.PathOf(model);
                var state = StateOf(path, model.Sha256);
                damaged += state is "SHA-256 MISMATCH" or "UNREADABLE" ? 1 : 0;
                var isDefault = model.Id == manifest.DefaultId ? " (default)" : "";
                parse.InvocationConfiguration.Output.WriteLine($"{model.Id}{isDefault}\t{model.File}\t{model.InputSize}x{model.InputSize}\t{model.OutputLayout}\t{state}\t{model.Licence}");
            }

            // A model not installed is a choice; one whose bytes are not the allow-listed ones is a damaged asset.
            if (damaged > 0)
            {
                log.Error("{Count} model file(s) cannot be read or do not match their SHA-256: reinstall them with ./analytics models install --all", damaged);
                return ExitCodes.AssetError;
            }

            return ExitCodes.Success;
        });
        return list;
    }

    private static Command CreateInstall()
    {
        var from = new Option<string?>("--from") { Description = "Copy model files from this folder when it has them, instead of downloading" };
        var all = new Option<bool>("--all") { Description = "Install every listed model, not only the default and those found in --from" };
        var install = new Command("install", "Put model files in place (copied or downloaded) and check each against its SHA-256") { from, all };
        install.SetAction(async (parse, cancellationToken) =>
        {
            using var log = AppLogging.Create(parse.GetValue(GlobalOptions.LogFormat), parse.InvocationConfiguration.Error);
            var manifest = TryLoad(parse, log);
            if (manifest is null)
            {
                return ExitCodes.AssetError;
            }

            var fromDirectory = parse.GetValue(from);
            var wanted = manifest.Models.Where(m => parse.GetValue(all) || m.Id == manifest.DefaultId
                || (fromDirectory is not null && File.Exists(Path.Combine(fromDirectory, m.File))));
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var failures = await new AssetInstaller(http, log).InstallAllAsync(
                wanted.Select(m => ($"model {m.Id}", new PinnedAsset(m.File, m.Sha256, m.Source?.Url))), manifest.Directory, fromDirectory, cancellationToken);
            return failures == 0 ? ExitCodes.Success : ExitCodes.AssetError;
        });
        return install;
    }

    /// <summary>Whether a listed model file is installed and intact: ok, missing, SHA-256 MISMATCH or UNREADABLE.</summary>
    private static string StateOf(string path, string sha256)
    {
        if (!File.Exists(path))
        {
            return "missing";
        }

        try
        {
            return string.Equals(FileHash.Sha256Hex(path), sha256, StringComparison.OrdinalIgnoreCase) ? "ok" : "SHA-256 MISMATCH";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "UNREADABLE";
        }
    }

    private static ModelManifest? TryLoad(ParseResult parse, Serilog.ILogger log)
    {
        try
        {
            return ModelManifest.Load(ProductPaths.ModelManifest(parse.GetValue(GlobalOptions.ModelsDirectory)));
        }
        catch (ModelManifestException e)
        {
            log.Error("{Reason:l}", e.Message);
            return null;
        }
    }
}
