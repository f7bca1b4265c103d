using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the storage clients, the Table stores and the management services over them.</summary>
    public static IServiceCollection AddAlertsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new StorageClients(configuration));
        services.AddSingleton<TableProvider>();
        services.AddSingleton<OrganizationRegistry>();
        services.AddSingleton<IIntegrationStore, TableIntegrationStore>();
        services.AddSingleton<IIncidentContactStore, TableIncidentContactStore>();
        services.AddSingleton<IInventoryStore, TableInventoryStore>();
        services.AddSingleton<IWeeklyReportSettingsStore, TableWeeklyReportSettingsStore>();
        services.AddSingleton<IntegrationService>();
        services.AddSingleton<IncidentContactService>();
        services.AddSingleton<InventoryService>();
        services.AddSingleton<WeeklyReportRecipientsService>();
        return services;
    }
}
