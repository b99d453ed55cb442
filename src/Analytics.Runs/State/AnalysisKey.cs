using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Analytics.Core.Geometry;
using Analytics.Runs.Jobs;
using MessagePack;

namespace Analytics.Runs.State;

/// <summary>
/// Everything that decides what a camera's recordings yield when analysed: the model, the analysis settings (the
/// motion gate among them), the camera's lines, zones and privacy masks, and the version of the analysis itself. Results kept under one key are
/// never mixed with results of another. Bin length and time zone are not part of it: the state keeps per-minute
/// tallies and the outputs are binned afresh on every run.
/// </summary>
[MessagePackObject]
public sealed record AnalysisKey(
    [property: Key(0)] int AnalysisVersion,
    [property: Key(1)] string CameraId,
    [property: Key(2)] string ModelSha256,
    [property: Key(3)] double AnalysisFps,
    [property: Key(4)] float Threshold,
    [property: Key(5)] double CheckpointMinutes,
    [property: Key(6)] string Lines,
    [property: Key(7)] string Zones,
    [property: Key(8)] string PrivacyMasks)
{
    /// <summary>
    /// SHA-256 of the purpose, legal basis, controller and decision the results under this key were collected for
    /// (<see cref="PurposeOf"/>): every analysis proves which purpose it serves, whatever happens to the state's
    /// header. Not part of <see cref="Id"/>; every analysis of the current version is written with it, so one of that
    /// version without it was altered and is refused.
    /// </summary>
    [Key(9)]
    public string? Purpose { get; init; }

    /// <summary>
    /// The motion gate the results were analysed with: <see cref="GateOff"/> (every frame at the analysis rate
    /// detected, as all analyses written before the gate existed were: they read as off), or the gate's rules
    /// (<see cref="GateOn"/>). Part of <see cref="Id"/> only when the gate is on, so that analyses without it keep
    /// their id and their folder.
    /// </summary>
    [Key(10)]
    public string MotionGate { get; init; } = GateOff;

    /// <summary>Raised whenever tracking, counting or detection decoding changes what the same footage yields.</summary>
    public const int CurrentAnalysisVersion = 5;

    /// <summary><see cref="MotionGate"/> of analyses that detect every frame.</summary>
    public const string GateOff = "off";

    /// <summary>
    /// <see cref="MotionGate"/> of analyses with the motion gate; to be changed whenever the gate's rules change what it
    /// skips. "on" was the first rules; rules 2 read the thumbnail from whole-pixel blocks (<c>GreyThumbnail</c>).
    /// </summary>
    public const string GateOn = "on (rules 2)";

    /// <summary>A short, stable name for the key: the first 16 hex digits of the SHA-256 of its fields.</summary>
    [IgnoreMember]
    public string Id
    {
        get
        {
            var text = string.Join('\n', AnalysisVersion.ToString(CultureInfo.InvariantCulture), CameraId, ModelSha256,
                AnalysisFps.ToString("R", CultureInfo.InvariantCulture), Threshold.ToString("R", CultureInfo.InvariantCulture),
                CheckpointMinutes.ToString("R", CultureInfo.InvariantCulture), Lines, Zones, PrivacyMasks);
            if (MotionGate != GateOff)
            {
                text += "\nmotion gate " + MotionGate;
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
    }

    internal static AnalysisKey For(CameraJob camera, string modelSha256, AnalysisOptions analysis) => new(
        CurrentAnalysisVersion,
        camera.Id,
        modelSha256,
        analysis.AnalysisFps,
        analysis.Threshold,
        analysis.CheckpointMinutes,
        string.Join("; ", camera.Lines.Select(l => Invariant($"{l.Id} {Point(l.From)}-{Point(l.To)} {l.ForwardName}/{l.BackwardName} h{l.Hysteresis}"))),
        string.Join("; ", camera.Zones.Select(z => $"{z.Id} {Polygon(z.Polygon)}")),
        string.Join("; ", camera.PrivacyMasks.Select(Polygon)))
    {
        MotionGate = analysis.MotionGate == MotionGateMode.On ? GateOn : GateOff,
    };

    /// <summary>The fingerprint of a job's declared purpose, legal basis, controller and decision.</summary>
    public static string PurposeOf(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = string.Join('\n', job.Purpose, job.LegalBasis, job.Controller, job.DecisionReference);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>What differs between an older key and this one, in words ("lines", "model ...").</summary>
    public IEnumerable<string> DifferencesFrom(AnalysisKey older)
    {
        ArgumentNullException.ThrowIfNull(older);
        if (older.AnalysisVersion != AnalysisVersion)
        {
            yield return Invariant($"analysis version {older.AnalysisVersion} -> {AnalysisVersion}");
        }

        if (older.ModelSha256 != ModelSha256)
        {
            yield return $"model {older.ModelSha256[..12]} -> {ModelSha256[..12]}";
        }

        if (!older.AnalysisFps.Equals(AnalysisFps))
        {
            yield return Invariant($"analysis rate {older.AnalysisFps} -> {AnalysisFps} fps");
        }

        if (!older.Threshold.Equals(Threshold))
        {
            yield return Invariant($"threshold {older.Threshold} -> {Threshold}");
        }

        if (!older.CheckpointMinutes.Equals(CheckpointMinutes))
        {
            yield return Invariant($"checkpoint windows {older.CheckpointMinutes} -> {CheckpointMinutes} min");
        }

        if (older.Lines != Lines)
        {
            yield return $"lines [{older.Lines}] -> [{Lines}]";
        }

        if (older.Zones != Zones)
        {
            yield return $"zones [{older.Zones}] -> [{Zones}]";
        }

        if (older.PrivacyMasks != PrivacyMasks)
        {
            yield return "privacy masks";
        }

        if (older.MotionGate != MotionGate)
        {
            yield return $"motion gate {older.MotionGate} -> {MotionGate}";
        }
    }

    private static string Point(Point2 p) => Invariant($"({p.X},{p.Y})");

    private static string Polygon(Polygon polygon) => string.Join(" ", polygon.Vertices.ToArray().Select(Point));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
