using System.Diagnostics;
using Analytics.Core.Geometry;

namespace Analytics.Core.Tracking;

/// <summary>
/// Constant-velocity Kalman filter over a box, as in SORT/ByteTrack: state <c>[cx, cy, a, h, vcx, vcy, va, vh]</c>
/// (centre, aspect ratio w/h, height, and their velocities), measurement <c>[cx, cy, a, h]</c>. Noise scales with
/// the box height, so near and far objects are treated alike.
/// </summary>
/// <remarks>
/// Time is measured in <see cref="ReferenceStepSeconds"/> steps (0.1 s) rather than frames, so that the same
/// filter is right at any analysis frame rate: a prediction over 0.2 s moves twice as far and grows its
/// uncertainty twice as much as one over 0.1 s. Every matrix lives in this instance; nothing allocates per call.
/// </remarks>
internal sealed class KalmanBoxFilter
{
    public const double ReferenceStepSeconds = 0.1;

    private const int N = 8;
    private const double PositionWeight = 1.0 / 20;
    private const double VelocityWeight = 1.0 / 160;

    private readonly double[] _mean = new double[N];
    private readonly double[] _covariance = new double[N * N];

    public KalmanBoxFilter(in Box box)
    {
        var (cx, cy, a, h) = Measure(box);
        _mean[0] = cx;
        _mean[1] = cy;
        _mean[2] = a;
        _mean[3] = h;
        ReadOnlySpan<double> std =
        [
            2 * PositionWeight * h, 2 * PositionWeight * h, 1e-2, 2 * PositionWeight * h,
            10 * VelocityWeight * h, 10 * VelocityWeight * h, 1e-5, 10 * VelocityWeight * h,
        ];
        for (var i = 0; i < N; i++)
        {
            _covariance[(i * N) + i] = std[i] * std[i];
        }
    }

    /// <summary>The filtered box (state estimate).</summary>
    public Box Box
    {
        get
        {
            var h = Math.Max(_mean[3], 1e-3);
            var w = _mean[2] * h;
            return Box.FromCenter((float)_mean[0], (float)_mean[1], (float)w, (float)h);
        }
    }

    /// <summary>Velocity of the box centre in pixels per second.</summary>
    public Point2 Velocity => new((float)(_mean[4] / ReferenceStepSeconds), (float)(_mean[5] / ReferenceStepSeconds));

    /// <summary>Advances the state by <paramref name="seconds"/> (≥ 0).</summary>
    public void Predict(double seconds)
    {
        Debug.Assert(seconds >= 0, "time moves forward");
        var dt = seconds / ReferenceStepSeconds;
        if (dt <= 0)
        {
            return;
        }

        var h = _mean[3];
        for (var i = 0; i < 4; i++)
        {
            _mean[i] += dt * _mean[i + 4];
        }

        // P = F P Fᵀ with F = [[I, dt I], [0, I]], written out blockwise: P00 += dt(P01 + P10) + dt² P11, P01 += dt P11, P10 += dt P11.
        Span<double> p = _covariance;
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                var p01 = p[(i * N) + j + 4];
                var p10 = p[((i + 4) * N) + j];
                var p11 = p[((i + 4) * N) + j + 4];
                p[(i * N) + j] += (dt * (p01 + p10)) + (dt * dt * p11);
                p[(i * N) + j + 4] += dt * p11;
                p[((i + 4) * N) + j] += dt * p11;
            }
        }

        ReadOnlySpan<double> std =
        [
            PositionWeight * h, PositionWeight * h, 1e-2, PositionWeight * h,
            VelocityWeight * h, VelocityWeight * h, 1e-5, VelocityWeight * h,
        ];
        for (var i = 0; i < N; i++)
        {
            p[(i * N) + i] += std[i] * std[i] * dt;
        }
    }

    /// <summary>Corrects the state with a measured box.</summary>
    public void Update(in Box box)
    {
        var (cx, cy, a, h) = Measure(box);
        Span<double> z = [cx - _mean[0], cy - _mean[1], a - _mean[2], h - _mean[3]];
        var r = PositionWeight * _mean[3];
        Span<double> measurementNoise = [r * r, r * r, 1e-1 * 1e-1, r * r];

        // S = H P Hᵀ + R is the top-left 4x4 block of P plus R.
        Span<double> s = stackalloc double[16];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                s[(i * 4) + j] = _covariance[(i * N) + j];
            }

            s[(i * 4) + i] += measurementNoise[i];
        }

        Span<double> sInverse = stackalloc double[16];
        Invert4(s, sInverse);

        // K = P Hᵀ S⁻¹ (8x4); P Hᵀ is the first four columns of P.
        Span<double> k = stackalloc double[N * 4];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                var sum = 0.0;
                for (var m = 0; m < 4; m++)
                {
                    sum += _covariance[(i * N) + m] * sInverse[(m * 4) + j];
                }

                k[(i * 4) + j] = sum;
            }
        }

        for (var i = 0; i < N; i++)
        {
            _mean[i] += (k[i * 4] * z[0]) + (k[(i * 4) + 1] * z[1]) + (k[(i * 4) + 2] * z[2]) + (k[(i * 4) + 3] * z[3]);
        }

        // P = P − K H P, where H P is the first four rows of P.
        Span<double> hp = stackalloc double[4 * N];
        _covariance.AsSpan(0, 4 * N).CopyTo(hp);
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                _covariance[(i * N) + j] -= (k[i * 4] * hp[j]) + (k[(i * 4) + 1] * hp[N + j]) + (k[(i * 4) + 2] * hp[(2 * N) + j]) + (k[(i * 4) + 3] * hp[(3 * N) + j]);
            }
        }
    }

    private static (double Cx, double Cy, double Aspect, double Height) Measure(in Box box)
    {
        var h = Math.Max(box.Height, 1e-3f);
        return (box.CenterX, box.CenterY, box.Width / h, h);
    }

    /// <summary>Inverse of a symmetric positive-definite 4x4 matrix by Gauss–Jordan elimination with partial pivoting.</summary>
    private static void Invert4(ReadOnlySpan<double> matrix, Span<double> inverse)
    {
        Span<double> a = stackalloc double[16];
        matrix.CopyTo(a);
        inverse.Clear();
        for (var i = 0; i < 4; i++)
        {
            inverse[(i * 4) + i] = 1;
        }

        for (var column = 0; column < 4; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < 4; row++)
            {
                if (Math.Abs(a[(row * 4) + column]) > Math.Abs(a[(pivot * 4) + column]))
                {
                    pivot = row;
                }
            }

            if (pivot != column)
            {
                for (var j = 0; j < 4; j++)
                {
                    (a[(column * 4) + j], a[(pivot * 4) + j]) = (a[(pivot * 4) + j], a[(column * 4) + j]);
                    (inverse[(column * 4) + j], inverse[(pivot * 4) + j]) = (inverse[(pivot * 4) + j], inverse[(column * 4) + j]);
                }
            }

            var diagonal = a[(column * 4) + column];
            for (var j = 0; j < 4; j++)
            {
                a[(column * 4) + j] /= diagonal;
                inverse[(column * 4) + j] /= diagonal;
            }

            for (var row = 0; row < 4; row++)
            {
                if (row == column)
                {
                    continue;
                }

                var factor = a[(row * 4) + column];
                for (var j = 0; j < 4; j++)
                {
                    a[(row * 4) + j] -= factor * a[(column * 4) + j];
                    inverse[(row * 4) + j] -= factor * inverse[(column * 4) + j];
                }
            }
        }
    }
}
