using Analytics.Core.Time;

namespace Analytics.Core.Tests.Time;

public sealed class LocalTimeResolverTests
{
    private const string FirstPassage = nameof(LocalTimeResolver.FirstPassageOrRefuse);
    private const string SecondPassage = nameof(LocalTimeResolver.SecondPassageOrJump);

    private static LocalTimeResolver Policy(string name) => name switch
    {
        FirstPassage => LocalTimeResolver.FirstPassageOrRefuse,
        SecondPassage => LocalTimeResolver.SecondPassageOrJump,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static DateTime Wall(int month, int day, int hour, int minute, int second = 0) => new(2026, month, day, hour, minute, second, DateTimeKind.Unspecified);

    private static string Show(DateTimeOffset instant) => instant.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Policy, zone, wall-clock time, and the instant expected (null: refused).</summary>
    public static TheoryData<string, string, DateTime, string?> Cases => new()
    {
        // Autumn: on 25 October 2026 at 01:00 UTC Paris goes from 03:00+02:00 back to 02:00+01:00, so 02:00–02:59:59 shows twice.
        { FirstPassage, "Europe/Paris", Wall(10, 25, 1, 59), "2026-10-25T01:59:00+02:00" },
        { SecondPassage, "Europe/Paris", Wall(10, 25, 1, 59), "2026-10-25T01:59:00+02:00" },
        { FirstPassage, "Europe/Paris", Wall(10, 25, 2, 0), "2026-10-25T02:00:00+02:00" },
        { SecondPassage, "Europe/Paris", Wall(10, 25, 2, 0), "2026-10-25T02:00:00+01:00" },
        { FirstPassage, "Europe/Paris", Wall(10, 25, 2, 30), "2026-10-25T02:30:00+02:00" },
        { SecondPassage, "Europe/Paris", Wall(10, 25, 2, 30), "2026-10-25T02:30:00+01:00" },
        { FirstPassage, "Europe/Paris", Wall(10, 25, 2, 59, 59), "2026-10-25T02:59:59+02:00" },
        { SecondPassage, "Europe/Paris", Wall(10, 25, 2, 59, 59), "2026-10-25T02:59:59+01:00" },
        { FirstPassage, "Europe/Paris", Wall(10, 25, 3, 0), "2026-10-25T03:00:00+01:00" },
        { SecondPassage, "Europe/Paris", Wall(10, 25, 3, 0), "2026-10-25T03:00:00+01:00" },

        // Spring: on 29 March 2026 at 01:00 UTC Paris jumps from 02:00+01:00 to 03:00+02:00, so 02:00–02:59:59 never shows.
        { FirstPassage, "Europe/Paris", Wall(3, 29, 1, 59), "2026-03-29T01:59:00+01:00" },
        { SecondPassage, "Europe/Paris", Wall(3, 29, 1, 59), "2026-03-29T01:59:00+01:00" },
        { FirstPassage, "Europe/Paris", Wall(3, 29, 2, 0), null },
        { SecondPassage, "Europe/Paris", Wall(3, 29, 2, 0), "2026-03-29T03:00:00+02:00" },
        { FirstPassage, "Europe/Paris", Wall(3, 29, 2, 30), null },
        { SecondPassage, "Europe/Paris", Wall(3, 29, 2, 30), "2026-03-29T03:00:00+02:00" },
        { FirstPassage, "Europe/Paris", Wall(3, 29, 2, 59, 59), null },
        { SecondPassage, "Europe/Paris", Wall(3, 29, 2, 59, 59), "2026-03-29T03:00:00+02:00" },
        { FirstPassage, "Europe/Paris", Wall(3, 29, 3, 0), "2026-03-29T03:00:00+02:00" },
        { SecondPassage, "Europe/Paris", Wall(3, 29, 3, 0), "2026-03-29T03:00:00+02:00" },

        // No daylight saving: every wall-clock time is shown exactly once, whatever the policy, on Paris's change nights too.
        { FirstPassage, "Asia/Tokyo", Wall(10, 25, 2, 30), "2026-10-25T02:30:00+09:00" },
        { SecondPassage, "Asia/Tokyo", Wall(10, 25, 2, 30), "2026-10-25T02:30:00+09:00" },
        { FirstPassage, "Asia/Tokyo", Wall(3, 29, 2, 30), "2026-03-29T02:30:00+09:00" },
        { SecondPassage, "Asia/Tokyo", Wall(3, 29, 2, 30), "2026-03-29T02:30:00+09:00" },
        { FirstPassage, "UTC", Wall(3, 29, 2, 30), "2026-03-29T02:30:00+00:00" },
        { SecondPassage, "UTC", Wall(10, 25, 2, 30), "2026-10-25T02:30:00+00:00" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Wall_clock_times_resolve_to_one_instant_per_policy(string policy, string zone, DateTime wall, string? expected)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);

        var resolved = Policy(policy).TryResolve(wall, timeZone, out var instant);

        Assert.Equal(expected is not null, resolved);
        Assert.Equal(expected, resolved ? Show(instant) : null);
        if (resolved)
        {
            Assert.Equal(Show(instant), Show(Policy(policy).Resolve(wall, timeZone)));
        }
    }

    [Fact]
    public void A_refused_time_is_an_argument_error_when_resolved_without_try()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        Assert.False(LocalTimeResolver.FirstPassageOrRefuse.TryResolve(Wall(3, 29, 2, 30), paris, out var instant));
        Assert.Equal(default, instant);
        var error = Assert.Throws<ArgumentException>(() => LocalTimeResolver.FirstPassageOrRefuse.Resolve(Wall(3, 29, 2, 30), paris));
        Assert.Contains("never shown in Europe/Paris", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    public void The_kind_of_the_wall_clock_time_is_ignored(DateTimeKind kind)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var wall = Wall(10, 25, 2, 30);

        Assert.Equal(
            Show(LocalTimeResolver.FirstPassageOrRefuse.Resolve(wall, paris)),
            Show(LocalTimeResolver.FirstPassageOrRefuse.Resolve(DateTime.SpecifyKind(wall, kind), paris)));
    }

    [Fact]
    public void Every_minute_of_a_year_in_paris_resolves_back_to_its_own_wall_clock_time_unless_skipped()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        for (var wall = Wall(1, 1, 0, 0); wall < Wall(12, 31, 0, 0); wall = wall.AddMinutes(7))
        {
            foreach (var policy in new[] { LocalTimeResolver.FirstPassageOrRefuse, LocalTimeResolver.SecondPassageOrJump })
            {
                if (policy.TryResolve(wall, paris, out var instant) && !paris.IsInvalidTime(wall))
                {
                    Assert.Equal(wall, instant.DateTime);
                    Assert.Equal(paris.GetUtcOffset(instant), instant.Offset);
                }
            }
        }
    }
}
