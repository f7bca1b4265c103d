using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Registers the daily retention run and its settings, validated at start-up.</summary>
    public static IServiceCollection AddAlertsRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionService>();
        return services;
    }
}
