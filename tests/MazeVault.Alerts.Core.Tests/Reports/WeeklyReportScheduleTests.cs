using MazeVault.Alerts.Core.Reports;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Tests.Reports;

public sealed class WeeklyReportScheduleTests
{
    private static readonly WeeklyReportSchedule Prague = new(Options.Create(new WeeklyReportOptions { TimeZone = "Europe/Prague" }));

    /// <summary>The Flex Consumption timer: 05:00 and 06:00 UTC every day (NCRONTAB 0 0 5,6 * * *), each fired early by <paramref name="early"/>.</summary>
    private static IEnumerable<DateTimeOffset> FlexFires(int year, TimeSpan early = default)
    {
        for (var day = new DateTime(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            yield return new DateTimeOffset(day.AddHours(5), TimeSpan.Zero) - early;
            yield return new DateTimeOffset(day.AddHours(6), TimeSpan.Zero) - early;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]  // the host fires a few milliseconds early
    [InlineData(900)]
    public void Over_2026_the_first_due_flex_fire_of_every_week_is_07_00_Monday_in_Prague_even_when_fired_early(int earlyMs)
    {
        var early = TimeSpan.FromMilliseconds(earlyMs);
        var firstDueByWeek = FlexFires(2026, early)
            .Where(Prague.IsDue)
            .GroupBy(Prague.WeekOf)
            .ToDictionary(g => g.Key, g => TimeZoneInfo.ConvertTime(g.Min() + early, Prague.Zone));

        // 2026-W01 began on Monday 29 December 2025: its first fire of 2026 (Thursday) catches it up. Every other week's is Monday 07:00.
        Assert.Equal(53, firstDueByWeek.Count);
        Assert.Equal(DayOfWeek.Thursday, firstDueByWeek["2026-W01"].DayOfWeek);
        Assert.All(firstDueByWeek.Where(w => w.Key != "2026-W01").Select(w => w.Value), local =>
        {
            Assert.Equal(DayOfWeek.Monday, local.DayOfWeek);
            Assert.Equal(new TimeSpan(7, 0, 0), local.TimeOfDay);
        });
    }

    [Fact]
    public void A_premium_fire_at_07_00_local_a_few_milliseconds_early_is_due()
    {
        var early = new DateTimeOffset(2026, 11, 30, 6, 59, 59, 990, TimeSpan.FromHours(1));

        Assert.True(Prague.IsDue(early));
        Assert.Equal("2026-W49", Prague.WeekOf(early));
    }

    [Theory]
    [InlineData("2026-03-23T05:00:00Z", false)] // CET (UTC+1): 06:00 local, too early
    [InlineData("2026-03-23T06:00:00Z", true)]  // CET: 07:00 local
    [InlineData("2026-03-30T05:00:00Z", true)]  // the Monday after the spring switch, CEST (UTC+2): 07:00 local
    [InlineData("2026-03-30T04:59:59Z", true)]  // one second early (06:59:59 CEST) is still the 07:00 run
    [InlineData("2026-10-19T05:00:00Z", true)]  // still CEST
    [InlineData("2026-10-26T05:00:00Z", false)] // the Monday after the autumn switch, CET again: 06:00 local
    [InlineData("2026-10-26T06:00:00Z", true)]
    [InlineData("2026-11-30T22:59:59Z", true)]  // 23:59:59 local Monday: a late fire still counts
    [InlineData("2026-11-30T23:00:00Z", true)]  // Tuesday 00:00 local: catches up a missed Monday
    [InlineData("2026-11-29T06:00:00Z", true)]  // Sunday: still the week of Monday 23 November
    [InlineData("2026-11-30T05:59:59.990Z", true)] // Flex in winter, fired 10 ms early: 06:59:59.99 local is the 07:00 run
    [InlineData("2026-03-30T04:59:59.990Z", true)] // the same in summer
    [InlineData("2026-11-30T05:58:00Z", false)] // 06:58 local: really too early
    [InlineData("2026-11-30T04:00:00Z", false)] // 05:00 local Monday: the new week is not due yet
    public void IsDue_from_07_00_Monday_until_the_end_of_the_week_in_Central_European_time(string utc, bool due)
    {
        Assert.Equal(due, Prague.IsDue(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Premium_schedule_07_00_Monday_in_local_time_is_due_every_week_of_the_year()
    {
        var mondays = Enumerable.Range(0, 366)
            .Select(d => new DateTime(2026, 1, 1).AddDays(d))
            .Where(d => d.Year == 2026 && d.DayOfWeek == DayOfWeek.Monday)
            .Select(d => new DateTimeOffset(d.AddHours(7), Prague.Zone.GetUtcOffset(d.AddHours(7))))
            .ToList();

        Assert.All(mondays, fire => Assert.True(Prague.IsDue(fire)));
        Assert.Equal(mondays.Count, mondays.Select(Prague.WeekOf).Distinct().Count());
    }

    [Theory]
    [InlineData("2026-11-30T06:00:00Z", "2026-W49")]
    [InlineData("2026-12-28T06:00:00Z", "2026-W53")]
    [InlineData("2027-01-04T06:00:00Z", "2027-W01")]
    [InlineData("2026-11-29T23:30:00Z", "2026-W49")] // already Monday 00:30 in Prague
    public void WeekOf_is_the_ISO_week_in_the_report_time_zone(string utc, string week)
    {
        Assert.Equal(week, Prague.WeekOf(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_unknown_time_zone_fails_options_validation_naming_the_setting()
    {
        var result = new WeeklyReportOptionsValidator().Validate(null, new WeeklyReportOptions { TimeZone = "Mars/Olympus" });
        Assert.True(result.Failed);
        Assert.Contains("REPORT_TIME_ZONE", result.FailureMessage);
    }
}
