using System.Diagnostics;
using Analytics.Core.Geometry;
using Analytics.Vision.Models;
using OpenCvSharp;
using OpenCvSharp.Internal;

namespace Analytics.Vision.Detection;

/// <summary>
/// Letterbox + tensor fill: resizes a BGR frame by <c>r = min(S/h, S/w)</c> (bilinear), places it on an S×S
/// canvas filled with the pad value (top-left or centred, per the manifest) and writes the planar NCHW float tensor
/// the model reads, with the model's channel order and pixel scale. Owns a pinned tensor buffer reused for every
/// frame; the padding is written only when the frame size changes.
/// </summary>
internal sealed unsafe class LetterboxTensor : IDisposable
{
    private readonly int _size;
    private readonly Preprocessing _pixels;
    private readonly Mat _resized = new();
    private readonly IntPtr _resizedOutput;
    private Mat? _lastFrame;
    private IntPtr _lastFrameInput;
    private int _lastWidth = -1;
    private int _lastHeight = -1;

    public LetterboxTensor(int inputSize, Preprocessing pixels)
    {
        _size = inputSize;
        _pixels = pixels;
        Tensor = GC.AllocateUninitializedArray<float>(3 * inputSize * inputSize, pinned: true);
        NativeMethods.HandleException(NativeMethods.core_OutputArray_new_byMat(_resized.CvPtr, out _resizedOutput));
    }

    /// <summary>The NCHW tensor <c>[1, 3, S, S]</c>, pinned (its address never moves).</summary>
    public float[] Tensor { get; }

    public LetterboxTransform Fill(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Debug.Assert(frame.Type() == MatType.CV_8UC3, "frames are 8-bit BGR");
        var r = Math.Min((float)_size / frame.Height, (float)_size / frame.Width);
        var width = Math.Clamp((int)(frame.Width * r), 1, _size);
        var height = Math.Clamp((int)(frame.Height * r), 1, _size);
        var (x0, y0) = _pixels.Letterbox == LetterboxAnchor.Center ? ((_size - width) / 2, (_size - height) / 2) : (0, 0);

        if (width != _lastWidth || height != _lastHeight)
        {
            Tensor.AsSpan().Fill(_pixels.PadValue * _pixels.Scale);
            _lastWidth = width;
            _lastHeight = height;
        }

        Resize(frame, width, height);
        WritePlanes(_resized, x0, y0);
        return new LetterboxTransform(r, x0, y0);
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
        var scale = _pixels.Scale;

        // Output planes in the model's channel order: BGR as decoded, or swapped to RGB.
        var (first, third) = _pixels.SwapRedBlue ? (2, 0) : (0, 2);
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
                var c0 = tensor + offset + (first * plane);
                var c1 = tensor + offset + plane;
                var c2 = tensor + offset + (third * plane);
                for (var x = 0; x < cols; x++)
                {
                    var pixel = row + (x * 3);
                    c0[x] = pixel[0] * scale;
                    c1[x] = pixel[1] * scale;
                    c2[x] = pixel[2] * scale;
                }
            }
        }
    }
}
