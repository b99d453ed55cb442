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
            if (camera.PrivacyMasks[m].Area >= 0.98 * width * height)
            {
                problems.Add(FormattableString.Invariant($"{camera.JsonPath}.privacyMasks[{m}]: covers the whole {width}x{height} frame; nothing would be analysed"));
            }
        }

        return problems;
    }
}
