using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>Registers one line per channel.</summary>
    public static IServiceCollection AddAlertsChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ChannelCatalog>();
        return services;
    }
}
