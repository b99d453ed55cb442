namespace Analytics.Output.Reports;

/// <summary>One row of occupancy as the report reads it; a suppressed value is null.</summary>
public sealed record ZoneRow(
    string CameraId, string ZoneId, string Class, string? VehicleType, DateTime Start, DateTime End, DateTime LocalStart, double? MeanCount, long? MaxCount, long? Entries, bool Suppressed)
{
    /// <summary>The series a row is drawn in: its class, or its vehicle type for vehicles.</summary>
    public string Series => VehicleType ?? Class;
}
