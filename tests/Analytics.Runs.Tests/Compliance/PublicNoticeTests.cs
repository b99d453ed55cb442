using Analytics.Runs.Compliance;
using Analytics.Runs.Jobs;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Compliance;

/// <summary>The public notice says what the job actually does: its retention exception, and the supervisory authority of where its cameras are.</summary>
public sealed class PublicNoticeTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-notice-");

    public void Dispose() => _folder.Dispose();

    private Job Job(string timeZone, bool retentionOverride) => JobLoader.Load(JobFiles.Write(_folder.Path, $$"""
        [{ "id": "cam", "timeZone": "{{timeZone}}",
           "inputs": [{ "path": "2026-11-20_1000.mp4", "start": "2026-11-20T10:00:00+01:00" }],
           "lines": [{ "id": "kerb", "from": [0, 300], "to": [768, 300] }] }]
        """, retentionOverride: retentionOverride));

    [Fact]
    public void A_retention_exception_is_published_with_its_reason_in_both_languages()
    {
        var notice = PublicNotice.Render(Job("Europe/Paris", retentionOverride: true));

        Assert.Contains("des enregistrements plus anciens peuvent toutefois l'être", notice, StringComparison.Ordinal);
        Assert.Contains("older recordings may nevertheless be analysed", notice, StringComparison.Ordinal);
        Assert.Contains("Published sample footage used for software tests", notice, StringComparison.Ordinal);
        Assert.Contains("As a rule, only recordings less than 30 days old", notice, StringComparison.Ordinal);
        Assert.Contains("dérogation", notice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Paris", true)]
    [InlineData("Indian/Reunion", true)]
    [InlineData("Europe/Brussels", false)]
    public void The_cnil_is_named_only_for_cameras_in_france(string timeZone, bool cnil)
    {
        var notice = PublicNotice.Render(Job(timeZone, retentionOverride: false));

        Assert.Equal(cnil, notice.Contains("CNIL", StringComparison.Ordinal));
        Assert.Equal(!cnil, notice.Contains("the competent data-protection supervisory authority", StringComparison.Ordinal));
        Assert.Contains("Only recordings less than 30 days old are analysed", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("older recordings may nevertheless be analysed", notice, StringComparison.Ordinal);
    }
}
