using MazeVault.Alerts.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>
/// The sample app as the development runner runs it: timers on their schedules, on a clock the test moves, and queues
/// listened on in the background. The schedule is read in Prague time, as <c>WEBSITE_TIME_ZONE</c> asks on Premium.
/// </summary>
public sealed class SampleRunnerFixture : SampleAppFixture
{
    /// <summary>Half a minute before the Tick timer's occurrence at 07:00 in Prague (06:00 UTC in December).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 5, 59, 30, TimeSpan.Zero));

    protected override FunctionsAppHostOptions Options() => base.Options() with { Clock = Clock, RunTriggers = true };

    protected override Dictionary<string, string> Settings()
    {
        var settings = base.Settings();
        settings["SAMPLE_SCHEDULE"] = "0 0 7 * * *";
        settings["WEBSITE_TIME_ZONE"] = "Europe/Prague";
        // An idle queue is polled at least every half second instead of host.json's default minute, so a test does not wait.
        settings["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500";
        return settings;
    }
}
