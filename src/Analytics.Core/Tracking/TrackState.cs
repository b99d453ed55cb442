namespace Analytics.Core.Tracking;

/// <summary>Where a track is in its life; only confirmed tracks are ever counted.</summary>
internal enum TrackState : byte
{
    /// <summary>Seen, not yet confirmed: never counted, dropped at its first miss.</summary>
    Tentative,

    /// <summary>Confirmed and matched in the latest frame.</summary>
    Tracked,

    /// <summary>Confirmed, missed lately, kept for re-association until the lost-track buffer runs out.</summary>
    Lost,
}
