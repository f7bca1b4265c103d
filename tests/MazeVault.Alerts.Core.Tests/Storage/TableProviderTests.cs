
namespace MazeVault.Alerts.Core.Tests.Storage;

public sealed class TableProviderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Missing_table_is_created_once_and_the_same_client_is_reused()
    {
        var storage = new AzuriteStorage(azurite);
        var name = "created" + Guid.NewGuid().ToString("N")[..8];

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => storage.Tables.GetAsync(name, CancellationToken.None)));

        Assert.All(all, client => Assert.Same(all[0], client));
        var listed = new List<string>();
        await foreach (var table in storage.Clients.TableService.QueryAsync(t => t.Name == name))
        {
            listed.Add(table.Name);
        }

        Assert.Equal([name], listed);
    }

    [Fact]
    public async Task Organizations_are_listed_once_however_often_they_write()
    {
        var storage = new AzuriteStorage(azurite);
        var (first, second) = (AzuriteStorage.NewOrganization(), AzuriteStorage.NewOrganization());

        await storage.Organizations.EnsureAsync(first, CancellationToken.None);
        await storage.Organizations.EnsureAsync(first, CancellationToken.None);
        // A second process (fresh registry, empty cache) registering the same organization must not fail or duplicate it.
        await new AzuriteStorage(azurite).Organizations.EnsureAsync(first, CancellationToken.None);
        await storage.Organizations.EnsureAsync(second, CancellationToken.None);

        var listed = new List<string>();
        await foreach (var organization in storage.Organizations.ListAsync(CancellationToken.None))
        {
            listed.Add(organization);
        }

        Assert.Single(listed, first);
        Assert.Single(listed, second);
    }
}
