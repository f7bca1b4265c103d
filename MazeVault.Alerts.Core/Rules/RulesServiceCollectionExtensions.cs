using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>Registers the daily check, incident and rotation-failure alerts.</summary>
    public static IServiceCollection AddAlertsRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<DailyCheckService>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<RotationExecutionService>();
        return services;
    }
}
