namespace Analytics.Output.Tables;

/// <summary>
/// The dataset's contract, in one place: the four tables and their columns in file order, the schema's version and
/// what each version changed. The tables are built from these definitions, <c>schema.json</c> is written from them,
/// and README.md's Schema section is checked against them, so none of the three can drift from the others.
/// </summary>
/// <remarks>
/// Columns added by a version go at the end of their table, so a reader that takes columns by position keeps
/// working. Every table but coverage has one row per key and bin with footage, zeros included; a bin without footage
/// has no row in any table.
/// </remarks>
public static class DatasetSchema
{
    /// <summary>The version written into every Parquet file's metadata (<c>schema_version</c>) and schema.json.</summary>
    public const int Version = 2;

    private const string BinStart = "start of the bin (inclusive): ISO-8601 with the camera's UTC offset in CSV, a UTC timestamp in Parquet";
    private const string BinEnd = "end of the bin (exclusive), as bin_start";
    private const string BinStartLocal = "bin_start on the camera's wall clock, without offset (in the repeated autumn hour two bins share a wall-clock time: utc_offset_minutes tells them apart)";
    private const string UtcOffset = "the camera's UTC offset at bin_start, in minutes (60 for CET, 120 for CEST)";
    private const string AnalysedSeconds = "seconds of footage analysed in the bin (as in coverage): divide by it for a rate; a bin with 30 s of footage is not a full bin";
    private const string VehicleType = "car, motorcycle, bus or truck for class vehicle; empty (null) for the other classes";
    private const string Suppressed = "true when a value of the row is hidden by small-cell suppression (suppressBelow)";

    public static TableDefinition Counts { get; } = new(
        "counts",
        "line crossings: one row per camera, line, direction, class and time bin with footage",
        [
            Text("camera_id", "camera id from the job"),
            Text("line_id", "line id from the job"),
            Text("direction", "the line's name for the direction crossed (forward and backward by default)"),
            Text("class", "pedestrian, cycle or vehicle"),
            new("vehicle_type", ColumnKind.Text, Nullable: true, VehicleType),
            Time("bin_start", BinStart),
            Time("bin_end", BinEnd),
            new("count", ColumnKind.WholeNumber, Nullable: true, "crossings in the bin; empty (null) when suppressed"),
            Flag("suppressed", Suppressed),
            Local("bin_start_local", BinStartLocal),
            Whole("utc_offset_minutes", UtcOffset),
            Real("analysed_seconds", AnalysedSeconds),
        ]);

    public static TableDefinition Occupancy { get; } = new(
        "occupancy",
        "zones: one row per camera, zone, class and time bin with footage",
        [
            Text("camera_id", "camera id from the job"),
            Text("zone_id", "zone id from the job"),
            Text("class", "pedestrian, cycle or vehicle"),
            new("vehicle_type", ColumnKind.Text, Nullable: true, VehicleType),
            Time("bin_start", BinStart),
            Time("bin_end", BinEnd),
            new("mean_count", ColumnKind.Real, Nullable: true, "time-weighted mean number inside (object-seconds / analysed seconds); empty (null) when the maximum is suppressed"),
            new("max_count", ColumnKind.WholeNumber, Nullable: true, "most inside at once; empty (null) when suppressed"),
            new("entries", ColumnKind.WholeNumber, Nullable: true, "objects that entered the zone; empty (null) when suppressed"),
            Flag("suppressed", Suppressed),
            Local("bin_start_local", BinStartLocal),
            Whole("utc_offset_minutes", UtcOffset),
            Real("analysed_seconds", AnalysedSeconds),
        ]);

    public static TableDefinition OriginDestination { get; } = new(
        "od",
        "origin-destination: one row per camera, ordered pair of lines, class and time bin with footage",
        [
            Text("camera_id", "camera id from the job"),
            Text("from_line", "the line crossed first"),
            Text("to_line", "the line crossed later"),
            Text("class", "pedestrian, cycle or vehicle"),
            new("vehicle_type", ColumnKind.Text, Nullable: true, VehicleType),
            Time("bin_start", BinStart),
            Time("bin_end", BinEnd),
            new("count", ColumnKind.WholeNumber, Nullable: true, "objects that crossed from_line and then to_line, counted in the bin where they reached to_line; empty (null) when suppressed"),
            Flag("suppressed", Suppressed),
            Local("bin_start_local", BinStartLocal),
            Whole("utc_offset_minutes", UtcOffset),
            Real("analysed_seconds", AnalysedSeconds),
        ]);

    public static TableDefinition Coverage { get; } = new(
        "coverage",
        "footage: one row per camera and time bin with footage; a bin without footage has no row",
        [
            Text("camera_id", "camera id from the job"),
            Time("bin_start", BinStart),
            Time("bin_end", BinEnd),
            Real("analysed_seconds", "seconds of footage analysed in the bin (never suppressed)"),
            Local("bin_start_local", BinStartLocal),
            Whole("utc_offset_minutes", UtcOffset),
        ]);

    /// <summary>The four tables, in the order they are written.</summary>
    public static IReadOnlyList<TableDefinition> Tables { get; } = [Counts, Occupancy, OriginDestination, Coverage];

    /// <summary>Every version and what it changed, oldest first.</summary>
    public static IReadOnlyList<SchemaChange> Changes { get; } =
    [
        new(1, "counts, occupancy, od and coverage as CSV and Parquet"),
        new(2, "vehicle_type is null for classes other than vehicle in Parquet too (it was an empty string); bin_start_local, utc_offset_minutes and, in counts, occupancy and od, analysed_seconds added at the end of the tables; whole numbers are INT64 in Parquet (were INT32); CSV reals always have a decimal point (0.0, not 0); run settings, software and schema version in every Parquet file's metadata; schema.json written beside the tables"),
    ];

    private static ColumnDefinition Text(string name, string description) => new(name, ColumnKind.Text, Nullable: false, description);

    private static ColumnDefinition Time(string name, string description) => new(name, ColumnKind.Timestamp, Nullable: false, description);

    private static ColumnDefinition Local(string name, string description) => new(name, ColumnKind.LocalTime, Nullable: false, description);

    private static ColumnDefinition Whole(string name, string description) => new(name, ColumnKind.WholeNumber, Nullable: false, description);

    private static ColumnDefinition Real(string name, string description) => new(name, ColumnKind.Real, Nullable: false, description);

    private static ColumnDefinition Flag(string name, string description) => new(name, ColumnKind.Flag, Nullable: false, description);
}
