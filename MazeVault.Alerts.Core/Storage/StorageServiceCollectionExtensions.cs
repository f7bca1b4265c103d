using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the Table stores and storage clients.</summary>
    public static IServiceCollection AddAlertsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new StorageClients(configuration));
        return services;
    }
}
