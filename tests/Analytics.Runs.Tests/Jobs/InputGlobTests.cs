using Analytics.Runs.Jobs;
using Analytics.Tests.Shared;

namespace Analytics.Runs.Tests.Jobs;

/// <summary>A glob lists each recording once, under its real, normalised path.</summary>
public sealed class InputGlobTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("analytics-glob-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Links_to_folders_are_not_followed_so_a_loop_or_a_second_route_lists_nothing_twice()
    {
        var a = _folder.Touch("archive/cam-01/2026-11-21_0800.mp4");
        var b = _folder.Touch("archive/cam-01/day2/2026-11-22_0800.mp4");
        Directory.CreateSymbolicLink(_folder["archive/cam-01/day2/loop"], _folder["archive/cam-01"]);
        Directory.CreateSymbolicLink(_folder["archive/again"], _folder["archive/cam-01"]);

        Assert.Equal([a, b], InputGlob.Match(_folder.Path, "archive/**/*.mp4"));
    }

    [Fact]
    public void A_link_to_a_file_is_matched_like_a_file()
    {
        var recording = _folder.Touch("store/2026-11-21_0800.mp4");
        var link = _folder["archive/2026-11-21_0800.mp4"];
        Directory.CreateDirectory(_folder["archive"]);
        File.CreateSymbolicLink(link, recording);

        Assert.Equal([link], InputGlob.Match(_folder.Path, "archive/*.mp4"));
    }

    [Fact]
    public void Paths_come_out_normalised()
    {
        var a = _folder.Touch("archive/2026-11-21_0800.mp4");
        Directory.CreateDirectory(_folder["jobs"]);

        Assert.Equal([a], InputGlob.Match(_folder["jobs"], "../archive/*.mp4"));
        Assert.Equal([a], InputGlob.Match(_folder["jobs"], "../archive/2026-11-21_0800.mp4"));
    }
}
