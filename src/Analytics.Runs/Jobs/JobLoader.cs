using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Analytics.Core.Aggregation;
using Analytics.Core.Counting;
using Analytics.Core.Geometry;
using Analytics.Core.Integrity;
using Analytics.Vision.Video;

namespace Analytics.Runs.Jobs;

/// <summary>
/// Reads a job file and checks all of it before anything runs, collecting every problem with its JSON path
/// (<c>cameras[0].lines[1].to: ...</c>): the accountability fields (<see cref="PurposeLock"/>), cameras, inputs
/// (<see cref="InputGlob"/>, <see cref="RecordingStart"/>), lines, zones and masks. Paths and globs are relative to
/// the job file's folder. The geometry is checked against the real frames later (<see cref="JobGeometry"/>).
/// </summary>
public static class JobLoader
{
    private static JsonSerializerOptions Options => HandWrittenJson.Options;

    public static Job Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new JobException([$"{path}: is a folder, not a job file"]);
        }

        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            // Read first, then tell why it failed: a file in a folder this user may not enter does not "exist" for File.Exists.
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new JobException([$"{path}: job file not found"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JobException([$"{path}: the job file cannot be read ({e.Message})"]);
        }

        var document = Parse(text);

        var problems = new List<string>();
        var unusable = new List<UnusableInput>();
        var baseDirectory = Path.GetDirectoryName(fullPath)!;
        // The purpose lock (Moirans): why, on what basis, by whom and by which decision, or nothing runs.
        var purpose = Accountable(document.Purpose, "purpose", problems);
        var legalBasis = Accountable(document.LegalBasis, "legalBasis", problems);
        var controller = Accountable(document.Controller, "controller", problems);
        var decision = Accountable(document.DecisionReference, "decisionReference", problems);
        var retentionDays = document.RetentionDays ?? 30;
        if (retentionDays is < 1 or > 3650)
        {
            problems.Add($"retentionDays: {retentionDays} is not between 1 and 3650");
        }

        string? retentionOverride = null;
        if (document.RetentionOverride is not null)
        {
            retentionOverride = Accountable(document.RetentionOverride.Reason, "retentionOverride.reason", problems);
        }

        if (document.SuppressBelow is { } suppress && suppress is < 2 or > 1000)
        {
            problems.Add($"suppressBelow: {suppress} is not between 2 and 1000 (counts from 1 to suppressBelow - 1 are hidden)");
        }
        var binMinutes = document.BinMinutes ?? 15;
        if (!TimeBinning.AllowedMinutes.Contains(binMinutes))
        {
            problems.Add($"binMinutes: {binMinutes} does not tile an hour or a day; use one of {string.Join(", ", TimeBinning.AllowedMinutes)}");
        }

        var cameras = new List<CameraJob>();
        if (document.Cameras is null || document.Cameras.Count == 0)
        {
            problems.Add("cameras: at least one camera is required");
        }
        else
        {
            for (var c = 0; c < document.Cameras.Count; c++)
            {
                var camera = LoadCamera(document.Cameras[c], $"cameras[{c}]", baseDirectory, problems, unusable);
                if (camera is not null)
                {
                    cameras.Add(camera);
                }
            }

            foreach (var duplicate in cameras.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"{duplicate.Last().JsonPath}.id: camera id '{duplicate.Key}' is used twice");
            }

            foreach (var shared in cameras.SelectMany(c => c.Inputs).GroupBy(i => i.Path, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"{shared.Last().JsonPath}: {shared.Key} is listed twice (also at {shared.First().JsonPath})");
            }
        }

        if (problems.Count > 0)
        {
            throw new JobException(problems);
        }

        return new Job(fullPath, FileHash.Sha256Hex(fullPath), purpose!, legalBasis!, controller!, decision!, binMinutes, cameras)
        {
            RetentionDays = retentionDays,
            RetentionOverrideReason = retentionOverride,
            SuppressBelow = document.SuppressBelow,
            Contact = string.IsNullOrWhiteSpace(document.Contact) ? null : document.Contact.Trim(),
            Unusable = unusable,
        };
    }

    private static CameraJob? LoadCamera(CameraDocument camera, string path, string baseDirectory, List<string> problems, List<UnusableInput> unusable)
    {
        var before = problems.Count;
        var id = Required(camera.Id, $"{path}.id", problems);
        TimeZoneInfo? timeZone = null;
        if (Required(camera.TimeZone, $"{path}.timeZone", problems) is { } zoneId)
        {
            try
            {
                timeZone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            }
            catch (TimeZoneNotFoundException)
            {
                problems.Add($"{path}.timeZone: '{zoneId}' is not a known IANA time zone (e.g. Europe/Paris)");
            }
        }

        var inputs = new List<JobInput>();
        if (camera.Inputs is null || camera.Inputs.Count == 0)
        {
            problems.Add($"{path}.inputs: at least one input (a file with its start time, or a glob) is required");
        }
        else if (timeZone is not null && id is not null)
        {
            for (var i = 0; i < camera.Inputs.Count; i++)
            {
                inputs.AddRange(LoadInputs(camera.Inputs[i], id, $"{path}.inputs[{i}]", baseDirectory, timeZone, problems, unusable));
            }
        }

        var lines = new List<CountingLine>();
        for (var l = 0; l < (camera.Lines?.Count ?? 0); l++)
        {
            if (LoadLine(camera.Lines![l], $"{path}.lines[{l}]", problems) is { } line)
            {
                lines.Add(line);
            }
        }

        foreach (var duplicate in lines.GroupBy(l => l.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{path}.lines: line id '{duplicate.Key}' is used twice");
        }

        var zones = new List<CountingZone>();
        for (var z = 0; z < (camera.Zones?.Count ?? 0); z++)
        {
            var zone = camera.Zones![z];
            var name = Required(zone.Id, $"{path}.zones[{z}].id", problems);
            if (LoadPolygon(zone.Polygon, $"{path}.zones[{z}].polygon", problems) is { } polygon && name is not null)
            {
                zones.Add(new CountingZone(name, polygon));
            }
        }

        foreach (var duplicate in zones.GroupBy(z => z.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{path}.zones: zone id '{duplicate.Key}' is used twice");
        }

        if (lines.Count == 0 && zones.Count == 0 && problems.Count == before)
        {
            problems.Add($"{path}: nothing to count; give at least one line or zone");
        }

        var masks = new List<Polygon>();
        for (var m = 0; m < (camera.PrivacyMasks?.Count ?? 0); m++)
        {
            if (LoadPolygon(camera.PrivacyMasks![m], $"{path}.privacyMasks[{m}]", problems) is { } mask)
            {
                masks.Add(mask);
            }
        }

        string? model = null;
        if (camera.Model is not null)
        {
            model = camera.Model.Trim();
            if (model.Length == 0)
            {
                problems.Add($"{path}.model: empty; name a model of the allow-list (`analytics models list`), or leave the field out for the run's model");
            }
            else if (model.Contains('/', StringComparison.Ordinal) || model.Contains('\\', StringComparison.Ordinal))
            {
                // A file rather than an id: relative to the job's own folder, as its inputs are, not to where it is run.
                model = Path.GetFullPath(Path.Combine(baseDirectory, model));
            }
        }

        return problems.Count > before ? null : new CameraJob(id!, path, timeZone!, inputs, lines, zones, masks) { Model = model };
    }

    private static List<JobInput> LoadInputs(InputDocument input, string cameraId, string path, string baseDirectory, TimeZoneInfo timeZone, List<string> problems, List<UnusableInput> unusable)
    {
        if ((input.Path is null) == (input.Glob is null))
        {
            problems.Add($"{path}: give either 'path' (with 'start') or 'glob' (with 'startFromName')");
            return [];
        }

        if (input.Path is not null)
        {
            if (input.Start is null || !RecordingStart.TryParseInstant(input.Start, out var start))
            {
                problems.Add($"{path}.start: '{input.Start}' must be an ISO-8601 time with its UTC offset, e.g. 2026-11-21T08:00:00+01:00");
                return [];
            }

            var file = Path.GetFullPath(input.Path, baseDirectory);
            if (RefusalOf(input.Path, file) is { } refusal)
            {
                problems.Add($"{path}.path: {refusal}");
                return [];
            }

            return [new JobInput(cameraId, file, start, path)];
        }

        if (string.IsNullOrWhiteSpace(input.StartFromName))
        {
            problems.Add($"{path}.startFromName: a glob needs the date format of its file names, e.g. yyyy-MM-dd_HHmm");
            return [];
        }

        if (input.Glob!.Contains("://", StringComparison.Ordinal))
        {
            problems.Add($"{path}.glob: streams are refused; analysis is deferred-only (closed, recorded files)");
            return [];
        }

        var matches = InputGlob.Match(baseDirectory, input.Glob).ToList();
        if (matches.Count == 0)
        {
            // A camera offline, a folder emptied by retention: this camera's problem, not the job's.
            unusable.Add(new UnusableInput(cameraId, input.Glob, $"{path}.glob", $"{path}.glob: '{input.Glob}' matches no file in {baseDirectory}"));
        }

        var inputs = new List<JobInput>();
        foreach (var file in matches)
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            if (RecordingStart.ParseFromName(stem, input.StartFromName, timeZone, out var start) is { } why)
            {
                unusable.Add(new UnusableInput(cameraId, file, $"{path}.startFromName", $"{file}: {why}"));
            }
            else if (RefusalOf(file, file) is { } refusal)
            {
                problems.Add($"{path}.glob: {refusal}");
            }
            else
            {
                inputs.Add(new JobInput(cameraId, file, start, $"{path}.glob[{Path.GetFileName(file)}]"));
            }
        }

        return inputs;
    }

    private static string? RefusalOf(string written, string resolved)
    {
        try
        {
            // Streams, devices and directories make the job itself unlawful or wrong; a missing or empty file is one bad
            // input among others, reported when the run reaches it without stopping the rest.
            DeferredInputPolicy.EnsureNotLive(written.Contains("://", StringComparison.Ordinal) ? written : resolved);
            return null;
        }
        catch (InputRefusedException e)
        {
            return $"{written} {e.Reason}";
        }
    }

    private static CountingLine? LoadLine(LineDocument line, string path, List<string> problems)
    {
        var before = problems.Count;
        var id = Required(line.Id, $"{path}.id", problems);
        var from = Point(line.From, $"{path}.from", problems);
        var to = Point(line.To, $"{path}.to", problems);
        if (from is { } a && to is { } b && a == b)
        {
            problems.Add($"{path}.to: the line has no length (from and to are the same point)");
        }

        var forward = line.Forward ?? "forward";
        var backward = line.Backward ?? "backward";
        if (string.IsNullOrWhiteSpace(forward) || string.IsNullOrWhiteSpace(backward) || forward == backward)
        {
            problems.Add($"{path}: direction names must be non-empty and different ('{forward}', '{backward}')");
        }

        var hysteresis = line.Hysteresis ?? 3f;
        if (hysteresis is < 0 or > 100 || float.IsNaN(hysteresis))
        {
            problems.Add(FormattableString.Invariant($"{path}.hysteresis: {hysteresis} px is not between 0 and 100"));
        }

        return problems.Count > before ? null : new CountingLine(id!, from!.Value, to!.Value, forward, backward, hysteresis);
    }

    private static Polygon? LoadPolygon(List<float[]>? points, string path, List<string> problems)
    {
        if (points is null || points.Count < 3)
        {
            problems.Add($"{path}: a polygon needs at least 3 points");
            return null;
        }

        var before = problems.Count;
        var vertices = points.Select((p, i) => Point(p, $"{path}[{i}]", problems)).ToList();
        if (problems.Count > before)
        {
            return null;
        }

        // A zone or mask that covers nothing, or whose edges cross, would give figures that look real and mean nothing.
        var polygon = new Polygon(vertices.Select(v => v!.Value));
        if (!polygon.IsSimple)
        {
            problems.Add($"{path}: the polygon's edges cross each other; give its points in order around it");
            return null;
        }

        if (polygon.Area < 1)
        {
            problems.Add($"{path}: the polygon has no area (its points lie on one line)");
            return null;
        }

        return polygon;
    }

    private static Point2? Point(float[]? value, string path, List<string> problems)
    {
        if (value is not { Length: 2 } || !float.IsFinite(value[0]) || !float.IsFinite(value[1]))
        {
            problems.Add($"{path}: expected a point [x, y] in frame pixels");
            return null;
        }

        return new Point2(value[0], value[1]);
    }

    /// <summary>A required accountability field: present, and not placeholder text (<see cref="PurposeLock"/>).</summary>
    private static string? Accountable(string? value, string path, List<string> problems)
    {
        var text = Required(value, path, problems);
        if (text is not null && PurposeLock.Refusal(text) is { } refusal)
        {
            problems.Add($"{path}: {refusal}");
            return null;
        }

        return text;
    }

    private static string? Required(string? value, string path, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{path}: is required and must not be empty");
            return null;
        }

        return value.Trim();
    }

    /// <summary>
    /// The job document, once the text is well-formed JSON (else the line and column of the first syntax error) of
    /// the expected shape (else every unknown field and wrongly typed value: <see cref="JobSchema"/>).
    /// </summary>
    private static JobDocument Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new JobException(["$: the job file is empty"]);
        }

        try
        {
            using (var json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
            {
                if (JobSchema.Check(json.RootElement) is { Count: > 0 } problems)
                {
                    throw new JobException(problems);
                }
            }

            return JsonSerializer.Deserialize<JobDocument>(text, Options) ?? throw new JobException(["$: the job file holds null, not a job"]);
        }
        catch (JsonException e)
        {
            // JSON syntax (the shape was checked above): say where, as an editor shows it (1-based line and column).
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}") : "$";
            var message = e.Message;
            var cut = message.IndexOfAny(['.', '\n'], Math.Min(message.Length - 1, 10));
            throw new JobException([$"{where}: not valid JSON ({(cut > 0 ? message[..cut] : message).TrimEnd()})"]);
        }
    }
}
