using MessagePack;

namespace Analytics.Runs.State;

/// <summary>A content hash remembered with the fingerprint of the file it was computed from.</summary>
[MessagePackObject]
public sealed record HashRecord([property: Key(0)] FileFingerprint Fingerprint, [property: Key(1)] string Sha256);
