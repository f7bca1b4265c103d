using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Egress;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Registers the delivery plan, queue fan-out, ledger and dispatcher.</summary>
    public static IServiceCollection AddAlertsDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration).ValidateDataAnnotations()
            // A lease shorter than a send lets a second handler send while the first is still waiting for the vendor.
            .Validate<IOptions<ChannelOptions>>(
                (o, channel) => o.LeaseSeconds >= 2 * channel.Value.TimeoutSeconds,
                "DELIVERY_LEASE_SECONDS must be at least twice CHANNEL_TIMEOUT_SECONDS.")
            .ValidateOnStart();
        services.AddOptions<LegacyRecipientsOptions>().Bind(configuration).ValidateDataAnnotations()
            .Validate(o => o.HasValidAdminEmail, "ADMIN_EMAIL must be an email address.")
            .Validate(o => o.HasValidTeamsWebhook, "TEAMS_WEBHOOK_URL must be an absolute http(s) URL.")
            .Validate<EgressPolicy>(
                (o, destinations) => !o.HasValidTeamsWebhook || string.IsNullOrWhiteSpace(o.TeamsWebhookUrl) || !destinations.RefusesLiteral(new Uri(o.TeamsWebhookUrl.Trim())),
                "TEAMS_WEBHOOK_URL must not point at an internal address: EGRESS_ALLOWED_NETWORKS opens one.")
            .ValidateOnStart();
        services.AddAlertsEgress(configuration);
        services.AddSingleton<AlertStore>();
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<DeliveryPlan>();
        services.AddSingleton<Routing.RoutingExplainService>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<FailureNotices>();
        services.AddSingleton<DeliveryProcessor>();
        return services;
    }
}
