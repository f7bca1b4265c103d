using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Recipients;

public static class RecipientsServiceCollectionExtensions
{
    /// <summary>Registers the recipient policy (its deployment default checked at start): its table and the checks of inventory writes and deliveries.</summary>
    public static IServiceCollection AddAlertsRecipients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecipientOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecipientPolicyStore>();
        services.AddSingleton<RecipientPolicyService>();
        return services;
    }
}
