using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MazeVault.Alerts.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Set by the platform (Bicep) for Application Insights, read here and by the Functions host alike.</summary>
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>"ClientId=...;Authorization=AAD": the managed identity that authenticates to Application Insights.</summary>
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The OpenTelemetry sampler setting the Azure Monitor exporter reads (<c>microsoft.fixed_percentage</c> or <c>microsoft.rate_limited</c>).</summary>
    public const string TracesSamplerKey = "OTEL_TRACES_SAMPLER";

    /// <summary>
    /// The one registration of the product's telemetry, used by the Functions composition root (which adds the worker's
    /// defaults to the returned builder) and by tests (which add an in-memory exporter): the MazeVault.Alerts spans
    /// and metrics, HttpClient spans with URLs cut to their origin, and the exporters the configuration turns on
    /// (Azure Monitor with a connection string, OTLP with an endpoint, none otherwise).
    /// </summary>
    public static IOpenTelemetryBuilder AddAlertsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Empty is the sample's "no OTLP export"; [Url] alone would refuse it.
        services.AddOptions<TelemetryOptions>().Bind(configuration)
            .Validate(o => string.IsNullOrWhiteSpace(o.OtlpEndpoint)
                           || (Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"),
                "OTEL_EXPORTER_OTLP_ENDPOINT must be empty or an absolute http(s) URL.")
            .ValidateOnStart();
        var options = new TelemetryOptions();
        configuration.Bind(options);

        // The redaction processor comes before every exporter: processors run in the order they are added.
        var builder = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(AlertsTelemetry.Name)
                .AddHttpClientInstrumentation()
                .AddProcessor(new UrlRedactionProcessor()))
            .WithMetrics(metrics => metrics
                .AddMeter(AlertsTelemetry.Name)
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(configuration[ConnectionStringKey]))
        {
            // The overload without arguments reads the standard settings itself: the connection string, and
            // OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG should an operator want fewer traces.
            builder.UseAzureMonitorExporter();
            services.PostConfigure<AzureMonitorExporterOptions>(monitor =>
            {
                monitor.Credential = Credential(configuration[AuthenticationStringKey]);
                // Every log line is sent: the alert rules in infra count "was recorded failed" and "Daily check done"
                // lines, and a line of an unsampled trace would otherwise be dropped with it.
                monitor.EnableTraceBasedLogsSampler = false;
                if (string.IsNullOrWhiteSpace(configuration[TracesSamplerKey]))
                {
                    // The exporter's default limits traces per second span by span, which leaves an incident's trace
                    // with holes once a burst passes the limit. A ratio samples by trace id: a trace is whole or absent.
                    monitor.TracesPerSecond = null;
                    monitor.SamplingRatio = 1F;
                }
            });
        }

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            // Without arguments the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL) itself and appends the
            // per-signal paths http/protobuf needs.
            builder.WithTracing(tracing => tracing.AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// The user-assigned identity Bicep names in APPLICATIONINSIGHTS_AUTHENTICATION_STRING (the component has local
    /// authentication off); without it the connection string's instrumentation key alone authenticates.
    /// </summary>
    internal static TokenCredential? Credential(string? authenticationString)
    {
        var parts = (authenticationString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
