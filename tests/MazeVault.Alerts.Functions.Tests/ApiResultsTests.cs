using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Functions.Http;

namespace MazeVault.Alerts.Functions.Tests;

public sealed class ApiResultsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ApiHarness _api = new(azurite);

    [Theory]
    [InlineData(409)]
    [InlineData(412)]
    public async Task Concurrency_conflict_becomes_the_operations_conflict_status_as_a_problem(int status)
    {
        var response = await ApiHarness.SendAsync(_api.Request(),
            _ => ApiResults.HandleAsync(() => throw new ConcurrencyConflictException("Integration x already exists."), status));

        response.AssertProblem(status);
        Assert.Equal("Integration x already exists.", response.Json.GetProperty("detail").GetString());
    }
}
