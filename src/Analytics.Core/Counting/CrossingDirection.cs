namespace Analytics.Core.Counting;

/// <summary>Which way an object crossed a line.</summary>
public enum CrossingDirection : byte
{
    /// <summary>From the left side to the right side, looking from <c>From</c> towards <c>To</c> on the image (y down).</summary>
    Forward,

    /// <summary>From the right side to the left side.</summary>
    Backward,
}
