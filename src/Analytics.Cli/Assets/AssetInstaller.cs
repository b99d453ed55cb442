using Analytics.Core.Integrity;
using Serilog;

namespace Analytics.Cli.Assets;

/// <summary>
/// Puts pinned assets in place: copied from a local folder when it holds them (the shared assets beside a
/// checkout), otherwise downloaded from their public address. Every file is checked against its SHA-256 before
/// it is renamed into place, so a failed or tampered transfer never leaves a file that looks installed.
/// </summary>
internal sealed class AssetInstaller(HttpClient http, ILogger log)
{
    public async Task<AssetOutcome> InstallAsync(PinnedAsset asset, string targetDirectory, string? fromDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(targetDirectory);
        var target = Path.Combine(targetDirectory, asset.File);
        if (File.Exists(target))
        {
            var present = await FileHash.Sha256HexAsync(target, cancellationToken);
            if (string.Equals(present, asset.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                return AssetOutcome.AlreadyPresent;
            }

            log.Warning("{File} is present but its SHA-256 is {Actual}, not {Expected}: replacing it", target, present, asset.Sha256);
        }

        var temporary = target + ".partial";
        try
        {
            var local = fromDirectory is null ? null : Path.Combine(fromDirectory, asset.File);
            AssetOutcome outcome;
            if (local is not null && File.Exists(local))
            {
                File.Copy(local, temporary, overwrite: true);
                outcome = AssetOutcome.Copied;
            }
            else if (asset.Url is not null)
            {
                await DownloadAsync(asset.Url, temporary, cancellationToken);
                outcome = AssetOutcome.Downloaded;
            }
            else
            {
                throw new AssetException($"{asset.File}: not found in {fromDirectory ?? "(no local folder)"} and no download address is pinned");
            }

            var actual = await FileHash.Sha256HexAsync(temporary, cancellationToken);
            if (!string.Equals(actual, asset.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                var origin = outcome == AssetOutcome.Copied ? local : asset.Url;
                throw new AssetException($"{asset.File}: SHA-256 of {origin} is {actual}, expected {asset.Sha256}; the file was not installed");
            }

            File.Move(temporary, target, overwrite: true);
            return outcome;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Installs each asset, logging what was done; returns how many failed (each failure is logged with its reason).</summary>
    public async Task<int> InstallAllAsync(IEnumerable<(string Name, PinnedAsset Asset)> assets, string targetDirectory, string? fromDirectory, CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var (name, asset) in assets)
        {
            try
            {
                var outcome = await InstallAsync(asset, targetDirectory, fromDirectory, cancellationToken);
                log.Information("{Name}: {Outcome} ({File}, SHA-256 verified)", name, outcome, Path.Combine(targetDirectory, asset.File));
            }
            catch (AssetException e)
            {
                failures++;
                log.Error("{Name}: {Reason:l}", name, e.Message);
            }
        }

        return failures;
    }

    private async Task DownloadAsync(string url, string destination, CancellationToken cancellationToken)
    {
        log.Information("Downloading {Url}", url);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var file = File.Create(destination);
            await body.CopyToAsync(file, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AssetException($"download of {url} failed: {e.Message}");
        }
    }
}
