using System.Diagnostics;
using Analytics.Core.Geometry;
using Analytics.Vision.Models;
using OpenCvSharp;
using OpenCvSharp.Internal;

namespace Analytics.Vision.Detection;

/// <summary>How a letterboxed input maps back to the frame: <c>frame = (input − offset) / scale</c>.</summary>
public readonly record struct LetterboxTransform(float Scale, float OffsetX, float OffsetY)
{
    public Box ToFrame(in Box input) =>
        new((input.Left - OffsetX) / Scale, (input.Top - OffsetY) / Scale, (input.Right - OffsetX) / Scale, (input.Bottom - OffsetY) / Scale);
}
