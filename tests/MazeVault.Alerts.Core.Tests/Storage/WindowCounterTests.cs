using Azure.Data.Tables;
using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Tests.Storage;

/// <summary>
/// Window counts on Azurite: a burst on one instance is counted in groups (a write per group, not per use) and still
/// takes exactly up to the limit, reporting the first refusal once; two instances counting the same row race by ETag and
/// never pass the limit together.
/// </summary>
public sealed class WindowCounterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Expiry = new(2026, 12, 9, 0, 0, 0, TimeSpan.Zero);
    private readonly AzuriteStorage _storage = new(azurite);

    [Fact]
    public async Task A_burst_on_one_instance_takes_exactly_the_limit_in_a_few_writes_and_reports_the_first_refusal_once()
    {
        var table = await _storage.Tables.GetAsync(TableNames.Quotas, CancellationToken.None);
        var partition = AzuriteStorage.NewOrganization();
        var counter = new WindowCounter();

        using var requests = new StorageRequestCounter(azurite);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => counter.TryTakeAsync(table, partition, "burst", 1, 10, Expiry, CancellationToken.None)));

        Assert.Equal(10, outcomes.Count(o => o == WindowTake.Taken));
        Assert.Equal(1, outcomes.Count(o => o == WindowTake.FirstRefused));
        Assert.Equal(5, outcomes.Count(o => o == WindowTake.Refused));
        var row = (await table.GetEntityAsync<TableEntity>(partition, "burst")).Value;
        Assert.Equal((10, true), (row.GetInt32("Count"), row.GetBoolean("Reported")));
        // One use after another would write 16 times (11 for the takes and the report, more with races).
        var writes = requests.CountOf(TableNames.Quotas, "PUT") + requests.CountOf(TableNames.Quotas, "POST");
        Assert.True(writes is >= 1 and <= 8, $"{writes} writes");
    }

    [Fact]
    public async Task Two_instances_counting_one_row_never_pass_the_limit_together()
    {
        var table = await _storage.Tables.GetAsync(TableNames.Quotas, CancellationToken.None);
        var partition = AzuriteStorage.NewOrganization();
        var (first, second) = (new WindowCounter(), new WindowCounter());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            (i % 2 == 0 ? first : second).TryTakeAsync(table, partition, "shared", 1, 15, Expiry, CancellationToken.None)));

        Assert.Equal(15, outcomes.Count(o => o == WindowTake.Taken));
        Assert.Equal(1, outcomes.Count(o => o == WindowTake.FirstRefused));
        Assert.Equal(15, (await table.GetEntityAsync<TableEntity>(partition, "shared")).Value.GetInt32("Count"));
    }

    [Fact]
    public async Task A_smaller_use_still_fits_after_a_larger_one_was_refused()
    {
        var table = await _storage.Tables.GetAsync(TableNames.Quotas, CancellationToken.None);
        var partition = AzuriteStorage.NewOrganization();
        var counter = new WindowCounter();

        Assert.Equal(WindowTake.Taken, await counter.TryTakeAsync(table, partition, "sizes", 7, 10, Expiry, CancellationToken.None));
        Assert.Equal(WindowTake.FirstRefused, await counter.TryTakeAsync(table, partition, "sizes", 4, 10, Expiry, CancellationToken.None));
        Assert.Equal(WindowTake.Taken, await counter.TryTakeAsync(table, partition, "sizes", 3, 10, Expiry, CancellationToken.None));
        Assert.Equal(WindowTake.Refused, await counter.TryTakeAsync(table, partition, "sizes", 1, 10, Expiry, CancellationToken.None));
    }
}
