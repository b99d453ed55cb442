namespace Analytics.Vision.Detection;

/// <summary>Turns a model's raw output tensors into candidates; one implementation per output layout.</summary>
internal interface IOutputDecoder
{
    /// <summary>
    /// The shape of each output tensor this decoder reads, in the graph's output order, checked against the model when it
    /// loads. <see cref="Decode"/> receives these outputs one after the other in one buffer.
    /// </summary>
    IReadOnlyList<IReadOnlyList<long>> ExpectedOutputShapes { get; }

    /// <summary>
    /// Appends to <paramref name="candidates"/> one candidate per output row whose best score among
    /// <paramref name="classIds"/> reaches <paramref name="scoreThreshold"/>. Boxes are in model input pixels.
    /// </summary>
    void Decode(ReadOnlySpan<float> output, ReadOnlySpan<int> classIds, float scoreThreshold, List<Candidate> candidates);
}
