using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Rules;

namespace MazeVault.Alerts.Core.Routing;

/// <summary>What a route looks at in an alert: its kind, its severity and the name of the resource it is about.</summary>
public sealed record AlertTraits(AlertKind Kind, NotificationSeverity Severity, string ResourceName)
{
    /// <summary>
    /// The traits of an alert a rule raised about <paramref name="resourceName"/> (a certificate's subject, a secret's
    /// name, an incident's affected resource). A resolved notice is <see cref="AlertKind.Resolved"/> whatever it answers.
    /// </summary>
    public static AlertTraits Of(Alert alert, string resourceName)
    {
        var kind = alert.Notification.Kind == NotificationKind.Resolved ? AlertKind.Resolved : alert.Rule switch
        {
            AlertRules.CertificateExpiry => AlertKind.CertificateExpiry,
            AlertRules.RotationFailure => AlertKind.RotationFailure,
            IncidentService.Rule => AlertKind.Incident,
            _ => throw new ArgumentException($"Alerts of rule '{alert.Rule}' are not routed.", nameof(alert)),
        };
        return new AlertTraits(kind, alert.Notification.Severity, resourceName);
    }
}
