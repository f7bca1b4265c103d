using System.Globalization;

namespace MazeVault.Alerts.EndToEnd.Tests;

/// <summary>What the host does on its own when it runs the app as the development runner: timers and queue listeners.</summary>
public sealed class SampleRunnerTests(SampleRunnerFixture fixture) : IClassFixture<SampleRunnerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Timer_fires_at_its_NCRONTAB_occurrence_in_WEBSITE_TIME_ZONE_when_the_hosts_clock_reaches_it()
    {
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));

        var tick = await fixture.App.Logs.WaitForAsync(l => l.Message.StartsWith("[Sample] Tick", StringComparison.Ordinal), Wait);
        Assert.StartsWith("[Sample] Tick pastDue=False next=", tick.Message, StringComparison.Ordinal);
        // The next occurrence is 07:00 in Prague the day after: 06:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 6, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse(tick.Message.Split("next=")[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Queue_message_is_handled_and_its_output_written_without_a_test_pumping()
    {
        var output = fixture.Azurite.CreateQueueClient(SampleAppFixture.OutputQueue);
        await output.CreateIfNotExistsAsync();
        await fixture.Azurite.CreateQueueClient(SampleAppFixture.InputQueue).SendMessageAsync("unattended");

        await Until.TrueAsync(async () => (await output.ReceiveMessagesAsync(10)).Value is [{ MessageText: "relayed:unattended:1" }], Wait);
    }
}
