using Azure.Data.Tables;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Pacing;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Pacing;

/// <summary>The shared slot table on Azurite, with a fake clock: what each send may do, and when.</summary>
public sealed class DestinationPacerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly PacingRate OnePerSecond = PacingRate.PerSecond(1);
    // 1/s at 95% headroom.
    private static readonly TimeSpan Interval = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / DestinationPacer.Headroom));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 16, 6, 0, 0, TimeSpan.Zero));

    /// <summary>One "instance": its own service provider (and so its own pacer) on the shared storage and clock.</summary>
    private ServiceProvider Instance(int ratePercent = 100) => TestServices.On(azurite)
        .With("PACING_RATE_PERCENT", ratePercent.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithClock(_clock)
        .Build();

    // Each test its own destination: the table is shared by the tests of one Azurite.
    private static PacedDestination NewDestination(PacingRate? rate = null) =>
        PacedDestination.Of("slack", $"https://hooks.slack.invalid/{Guid.NewGuid():N}", rate ?? OnePerSecond);

    [Fact]
    public void Interval_is_the_documented_rate_scaled_by_the_percent_with_five_percent_headroom()
    {
        using var normal = Instance();
        using var fast = Instance(ratePercent: 1000);

        Assert.Equal(Interval, normal.GetRequiredService<DestinationPacer>().Interval(OnePerSecond));
        Assert.Equal(TimeSpan.FromTicks((long)(TimeSpan.TicksPerMinute / (30 * DestinationPacer.Headroom))), normal.GetRequiredService<DestinationPacer>().Interval(PacingRate.PerMinute(30)));
        Assert.Equal(TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / (10 * DestinationPacer.Headroom))), fast.GetRequiredService<DestinationPacer>().Interval(OnePerSecond));
    }

    [Fact]
    public async Task Slots_start_now_and_follow_one_interval_apart()
    {
        using var instance = Instance();
        var pacer = instance.GetRequiredService<DestinationPacer>();
        var destination = NewDestination();
        var now = _clock.GetUtcNow();

        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < 4; i++)
        {
            slots.Add(await pacer.AcquireAsync(destination, reserved: null, CancellationToken.None));
        }

        Assert.Equal([now, now + Interval, now + 2 * Interval, now + 3 * Interval], slots);
    }

    [Fact]
    public async Task An_idle_destination_sends_at_once_and_earns_no_burst()
    {
        using var instance = Instance();
        var pacer = instance.GetRequiredService<DestinationPacer>();
        var destination = NewDestination();
        await pacer.AcquireAsync(destination, null, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(10));
        var now = _clock.GetUtcNow();

        Assert.Equal(now, await pacer.AcquireAsync(destination, null, CancellationToken.None));
        Assert.Equal(now + Interval, await pacer.AcquireAsync(destination, null, CancellationToken.None));
    }

    [Fact]
    public async Task Destinations_keep_their_own_slots()
    {
        using var instance = Instance();
        var pacer = instance.GetRequiredService<DestinationPacer>();
        var now = _clock.GetUtcNow();
        var first = NewDestination();
        await pacer.AcquireAsync(first, null, CancellationToken.None);

        Assert.Equal(now, await pacer.AcquireAsync(NewDestination(), null, CancellationToken.None));
        Assert.Equal(now + Interval, await pacer.AcquireAsync(first, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_reserved_slot_stands_with_a_read_and_no_write()
    {
        using var instance = Instance();
        var pacer = instance.GetRequiredService<DestinationPacer>();
        var destination = NewDestination();
        await pacer.AcquireAsync(destination, null, CancellationToken.None);
        var reserved = await pacer.AcquireAsync(destination, null, CancellationToken.None);
        var before = await RowAsync(destination);

        _clock.Advance(Interval);

        Assert.Equal(reserved, await pacer.AcquireAsync(destination, reserved, CancellationToken.None));
        Assert.Equal(before.ETag, (await RowAsync(destination)).ETag);
    }

    [Fact]
    public async Task A_pause_holds_every_later_slot_and_moves_reserved_slots_inside_it_past_it()
    {
        using var instance = Instance();
        var pacer = instance.GetRequiredService<DestinationPacer>();
        var destination = NewDestination();
        var now = _clock.GetUtcNow();
        await pacer.AcquireAsync(destination, null, CancellationToken.None);
        var insidePause = await pacer.AcquireAsync(destination, null, CancellationToken.None);

        await pacer.PauseAsync(destination, now + TimeSpan.FromSeconds(30), "org-a/slack1", CancellationToken.None);

        // A new sender waits for the pause; the holder of a slot inside the pause gets the one after it.
        Assert.Equal(now + TimeSpan.FromSeconds(30), await pacer.AcquireAsync(destination, null, CancellationToken.None));
        Assert.Equal(now + TimeSpan.FromSeconds(30) + Interval, await pacer.AcquireAsync(destination, insidePause, CancellationToken.None));
        var row = await RowAsync(destination);
        Assert.Equal(now + TimeSpan.FromSeconds(30), row.GetDateTimeOffset("PausedUntil"));
        Assert.Equal("org-a/slack1", row.GetString("PausedBy"));
    }

    [Fact]
    public async Task A_shorter_pause_does_not_cut_a_longer_one_and_a_reserved_slot_after_a_pause_stands()
    {
        using var instance = Instance();
        var pacer = instance.GetRequiredService<DestinationPacer>();
        var destination = NewDestination();
        var now = _clock.GetUtcNow();
        await pacer.PauseAsync(destination, now + TimeSpan.FromSeconds(60), "org-a/slack1", CancellationToken.None);
        var afterPause = await pacer.AcquireAsync(destination, null, CancellationToken.None);

        await pacer.PauseAsync(destination, now + TimeSpan.FromSeconds(5), "org-b/slack2", CancellationToken.None);

        Assert.Equal(now + TimeSpan.FromSeconds(60), afterPause);
        Assert.Equal(afterPause, await pacer.AcquireAsync(destination, afterPause, CancellationToken.None));
        Assert.Equal("org-a/slack1", (await RowAsync(destination)).GetString("PausedBy"));
    }

    [Fact]
    public async Task Two_instances_taking_slots_at_the_same_time_never_share_one_nor_come_closer_than_the_interval()
    {
        using var first = Instance();
        using var second = Instance();
        var destination = NewDestination();
        var now = _clock.GetUtcNow();
        var pacers = new[] { first.GetRequiredService<DestinationPacer>(), second.GetRequiredService<DestinationPacer>() };

        // 2 instances x 8 concurrent senders x 3 sends each, all racing for the same row at the same instant.
        var slots = await Task.WhenAll(Enumerable.Range(0, 16).Select(async sender =>
        {
            var taken = new List<DateTimeOffset>();
            for (var i = 0; i < 3; i++)
            {
                taken.Add(await pacers[sender % 2].AcquireAsync(destination, null, CancellationToken.None));
            }

            return taken;
        }));

        Assert.Equal(Enumerable.Range(0, 48).Select(k => now + k * Interval), slots.SelectMany(s => s).Order());
    }

    private async Task<TableEntity> RowAsync(PacedDestination destination) =>
        (await azurite.CreateTableServiceClient().GetTableClient(TableNames.Pacing).GetEntityAsync<TableEntity>(destination.Key, "slot")).Value;
}
