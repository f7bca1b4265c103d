using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Tests.Storage;

namespace MazeVault.Alerts.Core.Tests.Integrations;

public sealed class TableIncidentContactStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly TableIncidentContactStore _store = Store(azurite);

    private static TableIncidentContactStore Store(AzuriteFixture azurite)
    {
        var storage = new AzuriteStorage(azurite);
        return new TableIncidentContactStore(storage.Tables, storage.Organizations);
    }

    private static IncidentContact Contact(string org, string id, string name, int priority) => new()
    {
        Id = id,
        OrganizationId = org,
        Name = name,
        Email = $"{id}@example.com",
        Role = "Security Lead",
        Priority = priority,
        CreatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task Contacts_list_by_priority_lower_first_then_by_name()
    {
        var org = AzuriteStorage.NewOrganization();
        // Ids in reverse of the expected order, so RowKey order cannot pass the test by accident.
        await _store.CreateAsync(Contact(org, "a", "Zoe", 3), CancellationToken.None);
        await _store.CreateAsync(Contact(org, "b", "Bob", 2), CancellationToken.None);
        await _store.CreateAsync(Contact(org, "c", "Alice", 2), CancellationToken.None);
        await _store.CreateAsync(Contact(org, "d", "Dan", 0), CancellationToken.None);
        await _store.CreateAsync(Contact(AzuriteStorage.NewOrganization(), "e", "Other org", 1), CancellationToken.None);

        var listed = await _store.ListByPriorityAsync(org, CancellationToken.None);

        Assert.Equal(["Dan", "Alice", "Bob", "Zoe"], listed.Select(c => c.Name));
    }

    [Fact]
    public async Task Contact_round_trips_and_a_stale_update_conflicts()
    {
        var org = AzuriteStorage.NewOrganization();
        var created = await _store.CreateAsync(Contact(org, "lead", "Lead", 1), CancellationToken.None);
        var read = await _store.GetAsync(org, "lead", CancellationToken.None);
        Assert.Equal(created, read);

        var updated = await _store.UpdateAsync(created with { Priority = 5 }, CancellationToken.None);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _store.UpdateAsync(created with { Priority = 9 }, CancellationToken.None));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _store.DeleteAsync(org, "lead", created.ETag, CancellationToken.None));

        Assert.Equal(5, (await _store.GetAsync(org, "lead", CancellationToken.None))!.Priority);
        Assert.True(await _store.DeleteAsync(org, "lead", updated.ETag, CancellationToken.None));
        Assert.Empty(await _store.ListByPriorityAsync(org, CancellationToken.None));
    }
}
