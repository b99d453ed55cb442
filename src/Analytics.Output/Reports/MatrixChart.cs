namespace Analytics.Output.Reports;

/// <summary>
/// An origin–destination matrix: <c>Values[from, to]</c> is the visible total of objects that crossed line
/// <c>Labels[from]</c> and then <c>Labels[to]</c> (null on the diagonal); <c>Hidden[from, to]</c> says that a value of
/// that pair is hidden by small-cell suppression, so the total shown is the visible part only.
/// </summary>
public sealed record MatrixChart(string Title, IReadOnlyList<string> Labels, double?[,] Values, bool[,] Hidden);
