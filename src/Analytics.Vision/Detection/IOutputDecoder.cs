namespace Analytics.Vision.Detection;

/// <summary>Turns a model's raw output tensor into candidates; one implementation per output layout.</summary>
internal interface IOutputDecoder
{
    /// <summary>Output tensor shape this decoder expects, checked against the model when it loads.</summary>
    IReadOnlyList<long> ExpectedOutputShape { get; }

    /// <summary>
    /// Appends to <paramref name="candidates"/> one candidate per output row whose best score among
    /// <paramref name="classIds"/> reaches <paramref name="scoreThreshold"/>. Boxes are in letterboxed input pixels.
    /// </summary>
    void Decode(ReadOnlySpan<float> output, ReadOnlySpan<int> classIds, float scoreThreshold, List<Candidate> candidates);
}
