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

    /// <summary>Area in square pixels (shoelace formula; 0 when every vertex lies on one line).</summary>
    public double Area
    {
        get
        {
            double twice = 0;
            for (int i = 0, j = _vertices.Length - 1; i < _vertices.Length; j = i++)
            {
                twice += ((double)_vertices[j].X * _vertices[i].Y) - ((double)_vertices[i].X * _vertices[j].Y);
            }

            return Math.Abs(twice) / 2;
        }
    }

    /// <summary>
    /// Whether no two edges cross or touch except neighbours at their shared vertex: a polygon given with its points
    /// out of order (a "bow tie") is not simple, and inside/outside stops meaning what its author drew.
    /// </summary>
    public bool IsSimple
    {
        get
        {
            var n = _vertices.Length;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var neighbours = j == i + 1 || (i == 0 && j == n - 1);
                    if (!neighbours && Segment.Intersects(_vertices[i], _vertices[(i + 1) % n], _vertices[j], _vertices[(j + 1) % n]))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

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
