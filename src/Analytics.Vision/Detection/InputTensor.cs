using System.Diagnostics;
using Analytics.Vision.Models;
using OpenCvSharp;
using OpenCvSharp.Internal;

namespace Analytics.Vision.Detection;

/// <summary>
/// Resize + tensor fill, per the manifest's preprocessing. Letterbox: resizes a BGR frame by <c>r = min(S/h, S/w)</c>
/// (bilinear) and places it on an S×S canvas filled with the pad value (top-left or centred). Stretch: resizes the
/// frame to S×S, each axis by its own factor. Then writes the planar NCHW float tensor the model reads, in the
/// model's channel order, each value <c>(pixel · scale − mean) / std</c>. Owns a pinned tensor buffer reused for
/// every frame; the padding is written only when the frame size changes.
/// </summary>
internal sealed unsafe class InputTensor : IDisposable
{
    private readonly int _size;
    private readonly Preprocessing _pixels;

    // Per output plane p (model channel order): the frame's BGR channel it reads, and value = pixel · gain + bias.
    private readonly int[] _sourceChannel;
    private readonly float[] _gain = new float[3];
    private readonly float[] _bias = new float[3];
    private readonly Mat _resized = new();
    private readonly IntPtr _resizedOutput;
    private Mat? _lastFrame;
    private IntPtr _lastFrameInput;
    private int _lastWidth = -1;
    private int _lastHeight = -1;

    public InputTensor(int inputSize, Preprocessing pixels)
    {
        _size = inputSize;
        _pixels = pixels;
        _sourceChannel = pixels.SwapRedBlue ? [2, 1, 0] : [0, 1, 2];
        for (var p = 0; p < 3; p++)
        {
            _gain[p] = pixels.Scale / pixels.StdOf(p);
            _bias[p] = -pixels.MeanOf(p) / pixels.StdOf(p);
        }

        Tensor = GC.AllocateUninitializedArray<float>(3 * inputSize * inputSize, pinned: true);
        NativeMethods.HandleException(NativeMethods.core_OutputArray_new_byMat(_resized.CvPtr, out _resizedOutput));
    }

    /// <summary>The NCHW tensor <c>[1, 3, S, S]</c>, pinned (its address never moves).</summary>
    public float[] Tensor { get; }

    /// <summary>Fills <see cref="Tensor"/> from <paramref name="frame"/> (8-bit BGR) and says how input pixels map back to it.</summary>
    public InputTransform Fill(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Debug.Assert(frame.Type() == MatType.CV_8UC3, "frames are 8-bit BGR");
        if (_pixels.Resize == ResizeMode.Stretch)
        {
            Resize(frame, _size, _size);
            WritePlanes(_resized, 0, 0);
            return new InputTransform((float)_size / frame.Width, (float)_size / frame.Height, 0, 0);
        }

        var r = Math.Min((float)_size / frame.Height, (float)_size / frame.Width);
        var width = Math.Clamp((int)(frame.Width * r), 1, _size);
        var height = Math.Clamp((int)(frame.Height * r), 1, _size);
        var (x0, y0) = _pixels.Letterbox == LetterboxAnchor.Center ? ((_size - width) / 2, (_size - height) / 2) : (0, 0);

        if (width != _lastWidth || height != _lastHeight)
        {
            var plane = _size * _size;
            for (var p = 0; p < 3; p++)
            {
                Tensor.AsSpan(p * plane, plane).Fill((_pixels.PadValue * _gain[p]) + _bias[p]);
            }

            _lastWidth = width;
            _lastHeight = height;
        }

        Resize(frame, width, height);
        WritePlanes(_resized, x0, y0);
        return InputTransform.Letterbox(r, x0, y0);
    }

    public void Dispose()
    {
        ReleaseFrameInput();
        NativeMethods.HandleException(NativeMethods.core_OutputArray_delete(_resizedOutput));
        _resized.Dispose();
    }

    /// <summary>
    /// Bilinear resize into the reused buffer. OpenCvSharp's <c>Cv2.Resize</c> wraps both Mats in new proxy
    /// objects on every call (104 bytes a frame); the native proxies are kept here instead: one for the output
    /// buffer for life, one for the frame while the caller keeps passing the same Mat (the reader's reused frame).
    /// </summary>
    private void Resize(Mat frame, int width, int height)
    {
        if (!ReferenceEquals(frame, _lastFrame))
        {
            ReleaseFrameInput();
            NativeMethods.HandleException(NativeMethods.core_InputArray_new_byMat(frame.CvPtr, out _lastFrameInput));
            _lastFrame = frame;
        }

        frame.ThrowIfDisposed();
        NativeMethods.HandleException(NativeMethods.imgproc_resize(_lastFrameInput, _resizedOutput, new Size(width, height), 0, 0, (int)InterpolationFlags.Linear));
        GC.KeepAlive(frame);
    }

    private void ReleaseFrameInput()
    {
        if (_lastFrameInput != IntPtr.Zero)
        {
            NativeMethods.HandleException(NativeMethods.core_InputArray_delete(_lastFrameInput));
            _lastFrameInput = IntPtr.Zero;
            _lastFrame = null;
        }
    }

    private void WritePlanes(Mat resized, int x0, int y0)
    {
        var plane = _size * _size;
        var (s0, s1, s2) = (_sourceChannel[0], _sourceChannel[1], _sourceChannel[2]);
        var (g0, g1, g2) = (_gain[0], _gain[1], _gain[2]);
        var (b0, b1, b2) = (_bias[0], _bias[1], _bias[2]);
        var step = (long)resized.Step();
        var source = (byte*)resized.DataPointer;
        var rows = resized.Rows;
        var cols = resized.Cols;
        fixed (float* tensor = Tensor)
        {
            for (var y = 0; y < rows; y++)
            {
                var row = source + (y * step);
                var offset = ((y0 + y) * _size) + x0;
                var c0 = tensor + offset;
                var c1 = tensor + offset + plane;
                var c2 = tensor + offset + (2 * plane);
                for (var x = 0; x < cols; x++)
                {
                    var pixel = row + (x * 3);
                    c0[x] = (pixel[s0] * g0) + b0;
                    c1[x] = (pixel[s1] * g1) + b1;
                    c2[x] = (pixel[s2] * g2) + b2;
                }
            }
        }
    }
}
