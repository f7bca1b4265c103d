using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Pacing;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Recipients;
using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Retention;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Every Core area (storage and sealed secrets, access, email, channels, pacing, delivery, rules, weekly report, retention): what the
    /// Functions composition root registers, and what tests build, so both run the same registrations.
    /// </summary>
    public static IServiceCollection AddAlertsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlertsStorage(configuration);
        services.AddAlertsAccess(configuration);
        services.AddAlertsEmail(configuration);
        services.AddAlertsChannels(configuration);
        services.AddAlertsPacing(configuration);
        services.AddAlertsRecipients(configuration);
        services.AddAlertsQuotas(configuration);
        services.AddAlertsDelivery(configuration);
        services.AddAlertsRules(configuration);
        services.AddWeeklyReport(configuration);
        services.AddAlertsRetention(configuration);
        return services;
    }
}
