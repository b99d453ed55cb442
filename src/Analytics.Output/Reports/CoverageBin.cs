namespace Analytics.Output.Reports;

/// <summary>A bin with footage: its UTC start and end, its start on the camera's wall clock, and the seconds analysed in it.</summary>
public sealed record CoverageBin(string CameraId, DateTime Start, DateTime End, DateTime LocalStart, double AnalysedSeconds)
{
    public double LengthSeconds => (End - Start).TotalSeconds;
}
