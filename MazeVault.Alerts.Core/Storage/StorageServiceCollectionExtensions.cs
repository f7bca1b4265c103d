using MazeVault.Alerts.Core.Egress;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MazeVault.Alerts.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the storage clients, the sealing of secrets at rest, the Table stores and the management services over them.</summary>
    public static IServiceCollection AddAlertsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new StorageClients(configuration));
        services.AddSingleton<TableProvider>();
        services.AddSingleton<TableGroupCommit>();
        services.AddSingleton<OrganizationRegistry>();
        services.AddSingleton<WindowCounter>();
        services.AddAlertsSecrets(configuration);
        // Integration URLs are checked against the egress policy when they are saved.
        services.AddAlertsEgress(configuration);
        // TryAdd: a store registered before this call (a test's substitute) is kept.
        services.TryAddSingleton<IIntegrationStore, TableIntegrationStore>();
        services.TryAddSingleton<IIncidentContactStore, TableIncidentContactStore>();
        services.TryAddSingleton<IInventoryStore, TableInventoryStore>();
        services.TryAddSingleton<IWeeklyReportSettingsStore, TableWeeklyReportSettingsStore>();
        services.AddSingleton<IntegrationService>();
        services.AddSingleton<IntegrationHealthStore>();
        services.AddSingleton<IntegrationDirectory>();
        services.AddHostedService<DestinationBindingAtStart>();
        services.AddSingleton<IncidentContactService>();
        services.AddSingleton<InventoryService>();
        services.AddSingleton<WeeklyReportRecipientsService>();
        return services;
    }
}
