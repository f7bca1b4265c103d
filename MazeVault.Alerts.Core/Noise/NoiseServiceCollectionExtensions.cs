using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Noise;

public static class NoiseServiceCollectionExtensions
{
    /// <summary>Registers alert policies, per-resource alert states, snoozes and the daily check's noise control.</summary>
    public static IServiceCollection AddAlertsNoiseControl(this IServiceCollection services)
    {
        services.AddSingleton<AlertPolicyStore>();
        services.AddSingleton<AlertPolicyService>();
        services.AddSingleton<AlertStateStore>();
        services.AddSingleton<SnoozeAudit>();
        services.AddSingleton<SnoozeService>();
        services.AddSingleton<NoiseControl>();
        return services;
    }
}
