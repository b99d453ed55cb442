namespace Analytics.Runs.Compliance;

/// <summary>The result of checking an audit log.</summary>
public sealed record AuditVerification(bool IsIntact, int Entries, string? LastHash, int? BrokenLine, string? Reason)
{
    public static AuditVerification Intact(int entries, string lastHash) => new(true, entries, lastHash, null, null);

    public static AuditVerification Broken(int line, string reason) => new(false, line - 1, null, line, reason);
}
