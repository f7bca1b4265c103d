namespace MazeVault.Alerts.Core.Routing;

/// <summary>The kinds of alert a route can choose among (the weekly report is not one: it keeps its own flag).</summary>
public enum AlertKind
{
    Incident,
    CertificateExpiry,
    RotationFailure,
    /// <summary>The notice that an earlier alert's resource is healthy again.</summary>
    Resolved,
}
