using Microsoft.Extensions.Configuration;

namespace MazeVault.Alerts.Core.Telemetry;

/// <summary>Where telemetry goes besides Azure Monitor (whose connection string the platform sets).</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (local Aspire dashboard, Jaeger, a collector in Azure); empty: no OTLP export.</summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public string OtlpEndpoint { get; init; } = "";
}
