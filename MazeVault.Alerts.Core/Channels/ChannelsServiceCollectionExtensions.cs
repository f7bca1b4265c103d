using MazeVault.Alerts.Core.Channels.Email;
using MazeVault.Alerts.Core.Channels.Jira;
using MazeVault.Alerts.Core.Channels.Slack;
using MazeVault.Alerts.Core.Channels.Teams;
using MazeVault.Alerts.Core.Channels.Webhook;
using MazeVault.Alerts.Core.Egress;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>Registers one line per channel, in the delivery order (JIRA, Teams, Slack, Webhook, Email).</summary>
    public static IServiceCollection AddAlertsChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlertsEgress(configuration);
        services.AddOptions<ChannelOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        // Vendor calls give up after CHANNEL_TIMEOUT_SECONDS; the delivery queue retries later.
        services.TryAddTransient<VendorStatusHandler>();
        services.AddHttpClient(HttpDelivery.ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ChannelOptions>>().Value.TimeoutSeconds))
            // Connects only to addresses the egress policy allows, and never follows a redirect.
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<EgressGuard>().CreateHandler())
            .AddHttpMessageHandler<VendorStatusHandler>()
            // The default handler logs request URLs, and webhook URLs are secrets.
            .RemoveAllLoggers();
        services.AddSingleton<HttpDelivery>();
        services.AddSingleton<JiraIssueKeys>();

        services.AddChannel<JiraChannel, JiraSettings>(JiraChannel.Type, "JIRA", digests: false);
        services.AddChannel<TeamsChannel, TeamsSettings>(TeamsChannel.Type, "Teams");
        services.AddChannel<SlackChannel, SlackSettings>(SlackChannel.Type, "Slack");
        services.AddChannel<WebhookChannel, WebhookSettings>(WebhookChannel.Type, "Webhook");
        services.AddChannel<EmailChannel, EmailSettings>(EmailChannel.Type, "Email");

        services.AddSingleton<ChannelCatalog>();
        services.AddOptions<IntegrationTestOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IntegrationTestLimiter>();
        services.AddSingleton<IntegrationTester>();
        services.AddSingleton<TestEmailAdmission>();
        return services;
    }

    /// <summary>
    /// Plugs in a channel: integrations of <paramref name="type"/> use <typeparamref name="TSettings"/> and are sent by
    /// <typeparamref name="TChannel"/>, after every channel registered before it. <paramref name="digests"/>: whether its
    /// integrations may take the daily check's digest.
    /// </summary>
    public static IServiceCollection AddChannel<TChannel, TSettings>(this IServiceCollection services, string type, string displayName, bool digests = true)
        where TChannel : class, INotificationChannel
        where TSettings : ChannelSettings
    {
        var order = services.Count(d => d.ServiceType == typeof(ChannelRegistration));
        services.AddKeyedSingleton<INotificationChannel, TChannel>(type);
        services.AddSingleton(new ChannelRegistration(type, displayName, typeof(TSettings)) { Order = order, Digests = digests });
        return services;
    }
}
