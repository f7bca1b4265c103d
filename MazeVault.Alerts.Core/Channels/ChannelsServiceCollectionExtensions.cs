using MazeVault.Alerts.Core.Channels.Jira;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>Vendor calls give up after this; the delivery queue retries later.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Registers one line per channel.</summary>
    public static IServiceCollection AddAlertsChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(HttpDelivery.ClientName, client => client.Timeout = RequestTimeout)
            // A redirect would forward a secret URL's request elsewhere (and turn a POST into a GET).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            // The default handler logs request URLs, and webhook URLs are secrets.
            .RemoveAllLoggers();
        services.AddSingleton<HttpDelivery>();
        services.AddSingleton<JiraIssueKeys>();

        services.AddSingleton<INotificationChannel, JiraChannel>();
        services.AddSingleton<INotificationChannel, TeamsChannel>();
        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddSingleton<INotificationChannel, EmailChannel>();

        services.AddSingleton<ChannelCatalog>();
        services.AddSingleton<IntegrationTester>();
        return services;
    }
}
