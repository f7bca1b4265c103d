using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Storage;

namespace MazeVault.Alerts.Core.Tests.Reports;

public sealed class TableWeeklyReportSettingsStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly TableWeeklyReportSettingsStore _store = Store(azurite);

    private static TableWeeklyReportSettingsStore Store(AzuriteFixture azurite)
    {
        var storage = new AzuriteStorage(azurite);
        return new TableWeeklyReportSettingsStore(storage.Tables, storage.Organizations);
    }

    [Fact]
    public async Task Organization_without_settings_reads_as_no_recipients()
    {
        var settings = await _store.GetAsync(AzuriteStorage.NewOrganization(), CancellationToken.None);

        Assert.Empty(settings.Recipients);
        Assert.Null(settings.ETag);
    }

    [Fact]
    public async Task Recipients_round_trip_and_a_stale_replace_conflicts()
    {
        var org = AzuriteStorage.NewOrganization();
        var updatedAt = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
        var first = await _store.ReplaceAsync(new WeeklyReportSettings { OrganizationId = org, Recipients = ["a@example.com"], UpdatedAt = updatedAt }, CancellationToken.None);
        var second = await _store.ReplaceAsync(first with { Recipients = ["b@example.com", "c@example.com"] }, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.ReplaceAsync(first with { Recipients = [] }, CancellationToken.None));

        var read = await _store.GetAsync(org, CancellationToken.None);
        Assert.Equal(["b@example.com", "c@example.com"], read.Recipients);
        Assert.Equal(second.ETag, read.ETag);
        Assert.Equal(updatedAt, read.UpdatedAt);
    }
}
