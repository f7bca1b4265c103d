using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MazeVault.Alerts.Core.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Registers the weekly expiry report.</summary>
    public static IServiceCollection AddWeeklyReport(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
