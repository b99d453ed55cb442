namespace Analytics.Output.Reports;

/// <summary>The language a report is written in.</summary>
public enum ReportLanguage
{
    English,
    French,
}
