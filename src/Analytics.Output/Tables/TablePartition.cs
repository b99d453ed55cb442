using System.Globalization;

namespace Analytics.Output.Tables;

/// <summary>
/// The rows of a table for one camera and one local date (the date of <c>bin_start</c> on the camera's clock, as the
/// CSV writes it), as a table of its own without the <c>camera_id</c> column: in a hive-partitioned dataset
/// (<c>counts/camera_id=…/date=…/part-0.parquet</c>) the camera and the date are read from the path.
/// </summary>
public sealed record TablePartition(string CameraId, DateOnly Date, Table Rows)
{
    public const string CameraColumn = "camera_id";

    public const string TimeColumn = "bin_start";

    /// <summary>The partition's folder under the table's, with forward slashes (hive style: <c>camera_id=plaza/date=2026-11-20</c>).</summary>
    public string Folder => $"{CameraColumn}={Escape(CameraId)}/date={Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Splits <paramref name="table"/> by camera and local date of <c>bin_start</c>, rows kept in their order; sorted by camera then date.</summary>
    public static IReadOnlyList<TablePartition> Split(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns;
        var camera = columns.Single(c => c.Name == CameraColumn);
        var time = columns.Single(c => c.Name == TimeColumn);
        var kept = columns.Where(c => c != camera).ToArray();
        var partitions = new SortedDictionary<(string Camera, DateOnly Date), Table>(Comparer<(string Camera, DateOnly Date)>.Create(
            (a, b) => string.CompareOrdinal(a.Camera, b.Camera) is var byCamera and not 0 ? byCamera : a.Date.CompareTo(b.Date)));
        for (var row = 0; row < table.RowCount; row++)
        {
            var key = (camera.Texts[row]!, DateOnly.FromDateTime(time.Timestamps[row].DateTime));
            if (!partitions.TryGetValue(key, out var part))
            {
                part = partitions[key] = new Table(table.Name, kept.Select(c => new Column(c.Name, c.Kind, c.Nullable)).ToArray());
            }

            part.AddRow(kept.Select(c => Value(c, row)).ToArray());
        }

        return partitions.Select(p => new TablePartition(p.Key.Camera, p.Key.Date, p.Value)).ToList();
    }

    private static object? Value(Column column, int row) => column.Kind switch
    {
        ColumnKind.Text => column.Texts[row],
        ColumnKind.Timestamp or ColumnKind.LocalTime => column.Timestamps[row],
        ColumnKind.WholeNumber => column.Integers[row],
        ColumnKind.Flag => column.Flags[row],
        _ => column.Reals[row],
    };

    /// <summary>Hive's escaping of a partition value: characters that would break the path or the key=value form as %XX.</summary>
    private static string Escape(string value)
    {
        var text = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c < ' ' || c is '/' or '\\' or '=' or '%' or ':' or '"' or '#' or '\'' or '*' or '?' or '[' or ']' or '^' or '{' or '}' or (char)127)
            {
                text.Append(CultureInfo.InvariantCulture, $"%{(int)c:X2}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
