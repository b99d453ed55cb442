using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Vision.Models;

/// <summary>How the detector's raw output tensor is laid out.</summary>
public enum OutputLayout
{
    /// <summary><c>[1, N, 5 + C]</c>: grid-relative boxes, objectness, class probabilities; decoded outside the graph (YOLOX).</summary>
    Yolox,

    /// <summary><c>[1, 4 + C, N]</c>: centre-size boxes in input pixels, then class scores (YOLOv5u/v8/v11 exports).</summary>
    YoloChannelsFirst,
}
