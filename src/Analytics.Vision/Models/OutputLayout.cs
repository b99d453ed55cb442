namespace Analytics.Vision.Models;

/// <summary>How the detector's raw output tensors are laid out.</summary>
public enum OutputLayout
{
    /// <summary><c>[1, N, 5 + C]</c>: grid-relative boxes, objectness, class probabilities; decoded outside the graph (YOLOX).</summary>
    Yolox,

    /// <summary><c>[1, 4 + C, N]</c>: centre-size boxes in input pixels, then class scores (YOLOv5u/v8/v11 exports).</summary>
    YoloChannelsFirst,

    /// <summary>
    /// A generalised-focal-loss head (PP-PicoDet, NanoDet, GFL), one level per stride in the manifest's <c>strides</c>:
    /// first one class-score output <c>[1, N_l, C]</c> per level (sigmoid already applied, no objectness), then one
    /// box-distribution output <c>[1, N_l, 4·(regMax + 1)]</c> per level, where <c>N_l = ceil(S / stride)²</c>.
    /// </summary>
    Gfl,
}
