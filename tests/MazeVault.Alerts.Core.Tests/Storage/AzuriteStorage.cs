using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Tests.Storage;

/// <summary>The real storage plumbing (clients, table creation, organization registry) pointed at a test's Azurite.</summary>
internal sealed class AzuriteStorage(AzuriteFixture azurite)
{
    public StorageClients Clients { get; } = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [StorageClients.ConnectionName] = azurite.ConnectionString })
        .Build());

    public TableProvider Tables => _tables ??= new TableProvider(Clients);
    public OrganizationRegistry Organizations => _organizations ??= new OrganizationRegistry(Tables, TimeProvider.System);

    private TableProvider? _tables;
    private OrganizationRegistry? _organizations;

    /// <summary>A fresh organization id, so tests sharing one Azurite never see each other's rows.</summary>
    public static string NewOrganization() => "org-" + Guid.NewGuid().ToString("N")[..12];
}
