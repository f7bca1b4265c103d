using MazeVault.Alerts.TestSupport;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// One Azurite serving several storage accounts (its <c>AZURITE_ACCOUNTS</c> setting), each with a table store of its
/// own. Azurite keeps a table in one in-memory collection whose every insert and delete costs time in proportion to the
/// rows it holds, so (7) spreads its rows over accounts of a bounded size (docs/benchmarks.md, harness limits).
/// </summary>
internal sealed class AzuriteAccounts : IAsyncDisposable
{
    private readonly AzuriteFixture _azurite = new();

    private AzuriteAccounts(int count) => Names = Enumerable.Range(1, count).Select(i => $"benchshard{i:D3}").ToList();

    public IReadOnlyList<string> Names { get; }

    public AzuriteFixture Azurite => _azurite;

    public static async Task<AzuriteAccounts> StartAsync(int count)
    {
        var accounts = new AzuriteAccounts(count);
        // Azurite reads the variable when it starts; it replaces the development account. Only this Azurite gets it.
        Environment.SetEnvironmentVariable("AZURITE_ACCOUNTS", string.Join(';', accounts.Names.Select(name => $"{name}:{AzuriteFixture.AccountKey}")));
        try
        {
            await accounts._azurite.InitializeAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("AZURITE_ACCOUNTS", null);
        }

        return accounts;
    }

    public string ConnectionString(string account) => _azurite.ConnectionStringFor(account);

    public async ValueTask DisposeAsync() => await _azurite.DisposeAsync();
}
