using MazeVault.Alerts.Core;
using MazeVault.Alerts.Core.Telemetry;
using MazeVault.Alerts.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
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
        // The worker's defaults continue the host's trace (host.json telemetryMode OpenTelemetry) in each invocation.
        services.AddAlertsTelemetry(configuration).UseFunctionsWorkerDefaults();
        return services.AddAlertsCore(configuration);
    }
}
