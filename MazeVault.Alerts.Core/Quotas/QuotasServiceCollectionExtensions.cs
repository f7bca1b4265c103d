using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Quotas;

public static class QuotasServiceCollectionExtensions
{
    /// <summary>Registers the per-organization quotas (their settings checked at start) and their shared counters.</summary>
    public static IServiceCollection AddAlertsQuotas(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuotaOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OrganizationQuotas>();
        services.AddSingleton<IOrganizationCapacity>(provider => provider.GetRequiredService<OrganizationQuotas>());
        return services;
    }
}
