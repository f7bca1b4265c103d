using MazeVault.Alerts.Core.Access;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Email;
using MazeVault.Alerts.Core.Reports;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<AccessMiddleware>();
Composition.AddAlertServices(builder.Services, builder.Configuration);
builder.Build().Run();

/// <summary>The composition root, callable from tests that build the real service provider.</summary>
public static class Composition
{
    public static IServiceCollection AddAlertServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // ASP.NET Core's request lines carry the full URL, and a function key passed as ?code= with it.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddAlertsStorage(configuration);
        services.AddAlertsAccess(configuration);
        services.AddAlertsEmail(configuration);
        services.AddAlertsChannels(configuration);
        services.AddAlertsDelivery(configuration);
        services.AddAlertsRules(configuration);
        services.AddWeeklyReport(configuration);
        return services;
    }
}
