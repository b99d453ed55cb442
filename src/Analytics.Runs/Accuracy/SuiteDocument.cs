namespace Analytics.Runs.Accuracy;

/// <summary>The suite file as written (JSON, comments allowed); paths are relative to it.</summary>
internal sealed record SuiteDocument(List<ScenarioDocument>? Scenarios);
