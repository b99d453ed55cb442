namespace Analytics.Output.Reports;

/// <summary>
/// One row of counts or od as the report reads it: the camera, the row's two keys (line and direction, or the lines
/// from and to), the class, the bin (UTC instants and its start on the camera's wall clock), the count (null when
/// suppressed) and the seconds of footage analysed in the bin.
/// </summary>
public sealed record BinRow(
    string CameraId, string Key, string Detail, string Class, string? VehicleType, DateTime Start, DateTime End, DateTime LocalStart, long? Count, bool Suppressed, double AnalysedSeconds)
{
    /// <summary>The series a row is drawn in: its class, or its vehicle type for vehicles.</summary>
    public string Series => VehicleType ?? Class;
}
