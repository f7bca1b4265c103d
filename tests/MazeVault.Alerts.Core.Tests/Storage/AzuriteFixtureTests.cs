
namespace MazeVault.Alerts.Core.Tests.Storage;

public sealed class AzuriteFixtureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Azurite_serves_tables_and_base64_queues()
    {
        var table = azurite.CreateTableServiceClient().GetTableClient("fixturecheck");
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("org", "row") { ["Value"] = 42 });
        var read = await table.GetEntityAsync<Azure.Data.Tables.TableEntity>("org", "row");
        Assert.Equal(42, read.Value.GetInt32("Value"));

        var queue = azurite.CreateQueueClient("fixture-check");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"id\":\"x\"}");
        var received = await queue.ReceiveMessageAsync();
        Assert.Equal("{\"id\":\"x\"}", received.Value.MessageText);
    }
}
