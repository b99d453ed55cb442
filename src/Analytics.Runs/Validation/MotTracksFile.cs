using System.Globalization;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;

namespace Analytics.Runs.Validation;

/// <summary>
/// Reads annotated tracks in MOT format, one box per line: <c>frame,id,left,top,width,height,consider[,class[,visibility…]]</c>
/// with 1-based frames (MOTChallenge ground truth, CVAT's "MOT 1.1" export). The class column is read as:
/// <list type="bullet">
/// <item>-1, or no class column: <c>defaultClass</c> (files annotating one class, like MOT15's pedestrians);</item>
/// <item>a number: the 1-based index into <c>labels</c> when the export came with its labels.txt (CVAT), otherwise
/// the MOTChallenge numbering (<see cref="TruthClasses.OfMotNumber"/>);</item>
/// <item>a name (pedestrian, person, cycle, bicycle, car, motorcycle, bus, truck, vehicle).</item>
/// </list>
/// Boxes of classes that are not counted (distractors, occluders, riders listed apart from their vehicle) are left out.
/// </summary>
public static class MotTracksFile
{
    /// <summary>Reads <paramref name="path"/>, with the labels.txt beside it if there is one (CVAT's MOT export).</summary>
    public static IReadOnlyList<AnnotatedBox> Read(string path, ClassKey defaultClass)
    {
        if (!File.Exists(path))
        {
            throw new TruthException($"{path}: file not found");
        }

        var labelsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "labels.txt");
        var labels = File.Exists(labelsPath) ? File.ReadAllLines(labelsPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToList() : null;
        return Parse(File.ReadAllText(path), path, defaultClass, labels);
    }

    /// <summary>Reads the text of a tracks file; <paramref name="name"/> names it in messages.</summary>
    public static IReadOnlyList<AnnotatedBox> Parse(string text, string name, ClassKey defaultClass, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var boxes = new List<AnnotatedBox>();
        var problems = new List<string>();
        var seen = new Dictionary<(int Track, int Frame), int>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length && problems.Count < 20; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var where = $"{name} line {i + 1}";
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length < 7)
            {
                problems.Add($"{where}: {fields.Length} field(s); a MOT row has at least 7 (frame,id,left,top,width,height,consider)");
                continue;
            }

            if (!Whole(fields[0], out var frame) || frame < 1)
            {
                problems.Add($"{where}: frame '{fields[0]}' is not a whole number of 1 or more (MOT frames are 1-based)");
                continue;
            }

            if (!Whole(fields[1], out var track))
            {
                problems.Add($"{where}: id '{fields[1]}' is not a whole number");
                continue;
            }

            if (!Real(fields[2], out var left) || !Real(fields[3], out var top) || !Real(fields[4], out var width) || !Real(fields[5], out var height))
            {
                problems.Add($"{where}: left, top, width and height must be numbers ('{string.Join(',', fields[2..6])}')");
                continue;
            }

            if (width <= 0 || height <= 0)
            {
                problems.Add($"{where}: the box is empty (width {fields[4]}, height {fields[5]})");
                continue;
            }

            if (!Real(fields[6], out var consider))
            {
                problems.Add($"{where}: consider '{fields[6]}' is not a number (1 to use the box, 0 to ignore it)");
                continue;
            }

            ClassKey? objectClass;
            try
            {
                objectClass = ClassOf(fields.Length > 7 ? fields[7] : "-1", defaultClass, labels);
            }
            catch (FormatException e)
            {
                problems.Add($"{where}: {e.Message}");
                continue;
            }

            if (objectClass is not { } counted)
            {
                continue;
            }

            if (seen.TryGetValue((track, frame), out var earlier))
            {
                problems.Add($"{where}: track {track} already has a box in frame {frame} (line {earlier})");
                continue;
            }

            seen[(track, frame)] = i + 1;
            boxes.Add(new AnnotatedBox(i + 1, frame, track, new Box(left, top, left + width, top + height), consider != 0, counted));
        }

        if (problems.Count > 0)
        {
            throw new TruthException(problems);
        }

        if (boxes.Count == 0)
        {
            throw new TruthException($"{name}: no annotated box of a counted class (pedestrian, cycle, vehicle) in the file");
        }

        return boxes;
    }

    private static ClassKey? ClassOf(string field, ClassKey defaultClass, IReadOnlyList<string>? labels)
    {
        if (field == "-1" || field.Length == 0)
        {
            return defaultClass;
        }

        if (Whole(field, out var number))
        {
            if (labels is null)
            {
                return TruthClasses.OfMotNumber(number);
            }

            if (number < 1 || number > labels.Count)
            {
                throw new FormatException($"class {number} is not a line of labels.txt ({labels.Count} labels)");
            }

            return TruthClasses.TryParse(labels[number - 1], out var labelled) ? labelled : null;
        }

        return TruthClasses.TryParse(field, out var named)
            ? named
            : throw new FormatException($"class '{field}' is neither -1, a class number nor one of {string.Join(", ", TruthClasses.Names)}");
    }

    private static bool Whole(string text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool Real(string text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
}
