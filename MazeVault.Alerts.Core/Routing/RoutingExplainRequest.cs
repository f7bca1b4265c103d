namespace MazeVault.Alerts.Core.Routing;

/// <summary>A sample alert to explain: <c>{"kind": "incident", "severity": "high", "resourceName": "prod-db"}</c>.</summary>
public sealed record RoutingExplainRequest
{
    /// <summary>incident, certificate_expiry, rotation_failure or resolved.</summary>
    public string? Kind { get; init; }
    /// <summary>low, medium, high or critical; not needed for a resolved notice.</summary>
    public string? Severity { get; init; }
    public string? ResourceName { get; init; }
}
