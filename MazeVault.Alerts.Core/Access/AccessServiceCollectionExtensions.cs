using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Registers per-organization access: the grants table and the policy over the caller's app roles.</summary>
    public static IServiceCollection AddAlertsAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessOptions>().Bind(configuration);
        services.AddSingleton<AccessGrants>();
        services.AddSingleton<AccessPolicy>();
        return services;
    }
}
