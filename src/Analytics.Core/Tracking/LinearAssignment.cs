namespace Analytics.Core.Tracking;

/// <summary>
/// Minimum-cost assignment of rows (tracks) to columns (detections), the Hungarian method with potentials,
/// O(n²m). Pairs whose cost exceeds a gate are never matched. Buffers are reused between calls.
/// </summary>
internal sealed class LinearAssignment
{
    private const double Forbidden = 1e9;

    private double[] _u = [];
    private double[] _v = [];
    private double[] _minimum = [];
    private int[] _match = [];
    private int[] _way = [];
    private bool[] _used = [];
    private double[] _square = [];

    /// <summary>
    /// Solves the assignment for <paramref name="cost"/> (row-major, <paramref name="rows"/> × <paramref name="columns"/>).
    /// <paramref name="rowToColumn"/> receives each row's column, or −1 when the row is unmatched or its best
    /// pairing costs more than <paramref name="maxCost"/>.
    /// </summary>
    public void Solve(ReadOnlySpan<double> cost, int rows, int columns, double maxCost, Span<int> rowToColumn)
    {
        rowToColumn[..rows].Fill(-1);
        if (rows == 0 || columns == 0)
        {
            return;
        }

        // Square the problem with forbidden padding: the algorithm below wants rows ≤ columns.
        var n = Math.Max(rows, columns);
        Ensure(n);
        var a = _square.AsSpan(0, n * n);
        a.Fill(Forbidden);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var c = cost[(i * columns) + j];
                a[(i * n) + j] = c <= maxCost ? c : Forbidden;
            }
        }

        var u = _u.AsSpan(0, n + 1);
        var v = _v.AsSpan(0, n + 1);
        var p = _match.AsSpan(0, n + 1);
        var way = _way.AsSpan(0, n + 1);
        u.Clear();
        v.Clear();
        p.Clear();
        way.Clear();
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minimum = _minimum.AsSpan(0, n + 1);
            var used = _used.AsSpan(0, n + 1);
            minimum.Fill(double.PositiveInfinity);
            used.Clear();
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                var delta = double.PositiveInfinity;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var current = a[((i0 - 1) * n) + (j - 1)] - u[i0] - v[j];
                    if (current < minimum[j])
                    {
                        minimum[j] = current;
                        way[j] = j0;
                    }

                    if (minimum[j] < delta)
                    {
                        delta = minimum[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minimum[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        for (var j = 1; j <= n; j++)
        {
            var row = p[j] - 1;
            var column = j - 1;
            if (row < rows && column < columns && a[(row * n) + column] < Forbidden)
            {
                rowToColumn[row] = column;
            }
        }
    }

    private void Ensure(int n)
    {
        if (_u.Length > n && _square.Length >= n * n)
        {
            return;
        }

        var size = Math.Max(n + 1, _u.Length * 2);
        _u = new double[size];
        _v = new double[size];
        _minimum = new double[size];
        _match = new int[size];
        _way = new int[size];
        _used = new bool[size];
        _square = new double[size * size];
    }
}
