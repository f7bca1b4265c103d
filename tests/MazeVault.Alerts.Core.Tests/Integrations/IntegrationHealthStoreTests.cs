using MazeVault.Alerts.Core.Integrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MazeVault.Alerts.Core.Tests.Integrations;

/// <summary>
/// The health badge on Azurite: a change is written at once, the same badge again only after the refresh interval, so
/// a stream of deliveries does not cost a storage write each.
/// </summary>
public sealed class IntegrationHealthStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_change_is_written_at_once_and_the_same_badge_only_after_the_refresh_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
        using var services = TestServices.On(azurite).WithClock(clock).Build();
        var store = services.GetRequiredService<IntegrationHealthStore>();
        var organization = "org-" + Guid.NewGuid().ToString("N")[..12];
        var ok = new IntegrationHealth("ok", clock.GetUtcNow(), "delivered", null);
        await store.ListAsync(organization, ["hook"], CancellationToken.None);

        using var counter = new StorageRequestCounter(azurite);
        await store.RecordAsync(organization, "hook", ok, CancellationToken.None);
        await store.RecordAsync(organization, "hook", ok with { LastAttemptAt = clock.GetUtcNow().AddSeconds(5) }, CancellationToken.None);
        Assert.Equal(1, counter.CountOf("IntegrationHealth"));

        var failing = new IntegrationHealth("error", clock.GetUtcNow().AddSeconds(10), "permanent", "webhook answered 401");
        await store.RecordAsync(organization, "hook", failing, CancellationToken.None);
        Assert.Equal(2, counter.CountOf("IntegrationHealth"));
        Assert.Equal(failing, (await store.ListAsync(organization, ["hook"], CancellationToken.None))["hook"]);

        clock.Advance(IntegrationHealthStore.RefreshInterval);
        var later = failing with { LastAttemptAt = clock.GetUtcNow() };
        await store.RecordAsync(organization, "hook", later, CancellationToken.None);
        Assert.Equal(later, (await store.ListAsync(organization, ["hook"], CancellationToken.None))["hook"]);
    }
}
