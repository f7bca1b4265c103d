using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Registers the weekly expiry report.</summary>
    public static IServiceCollection AddWeeklyReport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeeklyReportOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeeklyReportOptions>, WeeklyReportOptionsValidator>();
        services.AddSingleton<WeeklyReportSchedule>();
        services.AddSingleton<WeeklyReportBuilder>();
        services.AddSingleton<WeeklyReportRunStore>();
        services.AddSingleton<WeeklyReportService>();
        return services;
    }
}
