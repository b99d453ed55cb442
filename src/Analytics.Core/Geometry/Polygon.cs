namespace Analytics.Core.Geometry;

/// <summary>A simple polygon in frame pixels (y down), as given in a job file: zones and privacy masks.</summary>
public sealed class Polygon
{
    private readonly Point2[] _vertices;

    public Polygon(IEnumerable<Point2> vertices)
    {
        _vertices = vertices.ToArray();
        if (_vertices.Length < 3)
        {
            throw new ArgumentException($"a polygon needs at least 3 vertices, got {_vertices.Length}", nameof(vertices));
        }
    }

    public ReadOnlySpan<Point2> Vertices => _vertices;

    /// <summary>Even-odd rule point-in-polygon test; points exactly on an edge may fall either way.</summary>
    public bool Contains(Point2 point)
    {
        var inside = false;
        for (int i = 0, j = _vertices.Length - 1; i < _vertices.Length; j = i++)
        {
            var a = _vertices[i];
            var b = _vertices[j];
            if ((a.Y > point.Y) != (b.Y > point.Y)
                && point.X < ((b.X - a.X) * (point.Y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
