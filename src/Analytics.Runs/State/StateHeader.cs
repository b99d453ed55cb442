using MessagePack;

namespace Analytics.Runs.State;

/// <summary>The state folder's header: its format and the purpose it was built for (a state serves one purpose).</summary>
[MessagePackObject]
public sealed record StateHeader(
    [property: Key(0)] int FormatVersion,
    [property: Key(1)] string Purpose,
    [property: Key(2)] string LegalBasis,
    [property: Key(3)] string Controller,
    [property: Key(4)] string DecisionReference,
    [property: Key(5)] string Created);
