namespace Analytics.Runs.Validation;

/// <summary>
/// What one row of counts.csv counts, without its bin: camera, line, direction (as the line names it), class and
/// vehicle type (empty for pedestrians and cycles, and for vehicles when the truth does not tell the types apart).
/// </summary>
public readonly record struct CountKey(string CameraId, string LineId, string Direction, string Class, string VehicleType)
{
    public override string ToString() =>
        $"{CameraId}/{LineId}/{Direction}/{Class}{(VehicleType.Length > 0 ? "/" + VehicleType : "")}";
}
