using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Registers access: the mode (checked at start), API keys, per-organization grants and the policy over them.</summary>
    public static IServiceCollection AddAlertsAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddSingleton<AccessGrants>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<CallerAuthentication>();
        services.AddSingleton<ActionAudit>();
        services.AddSingleton<CallerProfiles>();
        services.AddHostedService<AccessModeAnnouncement>();
        return services;
    }
}
