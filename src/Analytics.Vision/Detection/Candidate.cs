using Analytics.Core.Geometry;

namespace Analytics.Vision.Detection;

/// <summary>A raw detector output above threshold: a box in model input pixels, a score and a model class id.</summary>
internal readonly record struct Candidate(Box Box, float Score, int ModelClass);
