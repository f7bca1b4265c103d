using MazeVault.Alerts.Core.Noise;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>Registers the daily check (with its noise control), incident and rotation-failure alerts.</summary>
    public static IServiceCollection AddAlertsRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Idempotency.IdempotencyStore>();
        services.AddAlertsNoiseControl();
        services.AddSingleton<DailyCheckService>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<RotationExecutionService>();
        services.AddOptions<RotationFailureOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RotationFailureNotifier>();
        return services;
    }
}
