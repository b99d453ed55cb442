using Analytics.Core.Geometry;

namespace Analytics.Runs.Jobs;

/// <summary>A camera's lines, zones and masks against the size of the frames its recordings really have.</summary>
public static class JobGeometry
{
    /// <summary>Checks that every line, zone and mask of <paramref name="camera"/> lies within a <paramref name="width"/>×<paramref name="height"/> frame.</summary>
    public static List<string> Check(CameraJob camera, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var problems = new List<string>();
        void Check(Point2 p, string path)
        {
            if (p.X < 0 || p.Y < 0 || p.X > width || p.Y > height)
            {
                problems.Add(FormattableString.Invariant($"{path}: point ({p.X}, {p.Y}) is outside the {width}x{height} frame"));
            }
        }

        for (var l = 0; l < camera.Lines.Count; l++)
        {
            Check(camera.Lines[l].From, $"{camera.JsonPath}.lines[{l}].from");
            Check(camera.Lines[l].To, $"{camera.JsonPath}.lines[{l}].to");
        }

        for (var z = 0; z < camera.Zones.Count; z++)
        {
            var vertices = camera.Zones[z].Polygon.Vertices;
            for (var v = 0; v < vertices.Length; v++)
            {
                Check(vertices[v], $"{camera.JsonPath}.zones[{z}].polygon[{v}]");
            }
        }

        for (var m = 0; m < camera.PrivacyMasks.Count; m++)
        {
            var vertices = camera.PrivacyMasks[m].Vertices;
            for (var v = 0; v < vertices.Length; v++)
            {
                Check(vertices[v], $"{camera.JsonPath}.privacyMasks[{m}][{v}]");
            }

            // A mask over the whole picture leaves nothing to analyse: every count would be a zero that looks real.
            if (camera.PrivacyMasks[m].Area >= WholeFrame * width * height)
            {
                problems.Add(FormattableString.Invariant($"{camera.JsonPath}.privacyMasks[{m}]: covers the whole {width}x{height} frame; nothing would be analysed"));
            }
        }

        if (camera.PrivacyMasks.Count > 1 && problems.Count == 0 && MaskedShare(camera.PrivacyMasks, width, height) >= WholeFrame)
        {
            problems.Add(FormattableString.Invariant($"{camera.JsonPath}.privacyMasks: together the {camera.PrivacyMasks.Count} masks cover the whole {width}x{height} frame; nothing would be analysed"));
        }

        return problems;
    }

    /// <summary>The share of the picture masks may hide before nothing is left worth analysing.</summary>
    private const double WholeFrame = 0.98;

    /// <summary>The share of the frame under at least one mask, sampled on a grid of 100×100 points (1 % steps).</summary>
    private static double MaskedShare(IReadOnlyList<Polygon> masks, int width, int height)
    {
        const int Steps = 100;
        var hidden = 0;
        for (var i = 0; i < Steps; i++)
        {
            for (var j = 0; j < Steps; j++)
            {
                var point = new Point2((float)((i + 0.5) * width / Steps), (float)((j + 0.5) * height / Steps));
                hidden += masks.Any(mask => mask.Contains(point)) ? 1 : 0;
            }
        }

        return hidden / (double)(Steps * Steps);
    }
}
