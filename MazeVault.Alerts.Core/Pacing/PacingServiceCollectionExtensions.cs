using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Pacing;

public static class PacingServiceCollectionExtensions
{
    /// <summary>Registers the pacing settings (checked at start), the shared slot table, the mailbox's recipient count and the delivery processor's gate.</summary>
    public static IServiceCollection AddAlertsPacing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PacingOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DestinationPacer>();
        services.AddSingleton<MailboxRecipientLimit>();
        services.AddSingleton<DeliveryPacing>();
        return services;
    }
}
