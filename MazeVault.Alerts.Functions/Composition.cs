using MazeVault.Alerts.Core;
using MazeVault.Alerts.Core.Telemetry;
using MazeVault.Alerts.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>The composition root, callable from tests that build the real service provider.</summary>
public static class Composition
{
    private const string WorkerSchemaVersionCapability = "WorkerOpenTelemetrySchemaVersion";

    /// <summary>
    /// The worker as Program.cs runs it: the HTTP pipeline and every service. A test-only app built from the same sources
    /// (tests/MazeVault.Alerts.PluginApp) adds its registrations to the builder before it builds.
    /// </summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<AccessMiddleware>();
        AddAlertServices(builder.Services, builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddAlertServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // ASP.NET Core's request lines carry the full URL, query string and all: whatever a caller put there stays out of logs.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        // The worker's defaults continue the host's trace (host.json telemetryMode OpenTelemetry) in each invocation.
        services.AddAlertsTelemetry(configuration).UseFunctionsWorkerDefaults();
        // UseFunctionsWorkerDefaults advertises schema 1.37.0, whose invocation log scope lacks the key the gRPC log
        // writer reads, so every log line reaches the host without its invocation id and drops out of the host's log
        // stream (azure-functions-dotnet-worker issue 3489). 1.17.0 keeps the id; spans still follow the host's trace.
        services.Configure<WorkerOptions>(worker => worker.Capabilities[WorkerSchemaVersionCapability] = "1.17.0");
        return services.AddAlertsCore(configuration);
    }
}
