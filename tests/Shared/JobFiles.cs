namespace Analytics.Tests.Shared;

/// <summary>Job files for tests, with the accountability fields filled in.</summary>
internal static class JobFiles
{
    /// <summary>
    /// Writes a job file with the accountability fields filled in and <paramref name="cameras"/> as its cameras array.
    /// The sample footage has fixed, nominal dates that age past the retention period: unless a test is about
    /// retention, the job records why it may still be analysed.
    /// </summary>
    public static string Write(string directory, string cameras, string name = "job.json", bool retentionOverride = true, string extra = "")
    {
        var path = Path.Combine(directory, name);
        var retention = retentionOverride ? "\"retentionOverride\": { \"reason\": \"Published sample footage used for software tests\" }," : "";
        File.WriteAllText(path, $$"""
            {
              "purpose": "Statistical count of visitors (test)",
              "legalBasis": "Public-interest task, GDPR art. 6(1)(e)",
              "controller": "Commune de Test-sur-Mer",
              "decisionReference": "Test decision 2026-1",
              {{retention}}
              {{extra}}
              "cameras": {{cameras}}
            }
            """);
        return path;
    }
}
