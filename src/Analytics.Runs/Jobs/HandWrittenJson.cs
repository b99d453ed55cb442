using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Runs.Jobs;

/// <summary>
/// How the files people write by hand (jobs, the accuracy suite) are read: camelCase fields, comments and trailing
/// commas allowed, numbers as numbers, and unknown fields refused so that a typo never passes silently.
/// </summary>
internal static class HandWrittenJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };
}
