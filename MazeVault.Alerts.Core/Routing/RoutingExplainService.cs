using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Validation;

namespace MazeVault.Alerts.Core.Routing;

/// <summary>
/// Answers "who gets this?" for a sample alert with <see cref="DeliveryPlan.ExplainAsync"/>, the decision delivery
/// itself makes, so an explanation and a delivery cannot disagree. It writes nothing.
/// </summary>
public sealed class RoutingExplainService(DeliveryPlan plan)
{
    public async Task<RoutingExplanation> ExplainAsync(string organizationId, RoutingExplainRequest request, CancellationToken ct)
    {
        FieldErrors.RequireOrganization(organizationId);
        var errors = new FieldErrors();
        var kindName = errors.Required("kind", request.Kind, 40);
        var kind = AlertKind.Incident;
        if (kindName is not null && !AlertKindNames.TryParse(kindName, out kind))
        {
            errors.Add("kind", $"must be one of {AlertKindNames.List}.");
        }

        var severity = NotificationSeverity.Info;
        if (!string.IsNullOrWhiteSpace(request.Severity))
        {
            if (!SeverityNames.TryParse(request.Severity, out severity))
            {
                errors.Add("severity", $"must be {SeverityNames.List}.");
            }
        }
        else if (kind != AlertKind.Resolved)
        {
            errors.Add("severity", $"is required: {SeverityNames.List} (a resolved notice needs none).");
        }

        var resourceName = errors.Required("resourceName", request.ResourceName, IntegrationService.MaxNameLength);
        errors.ThrowIfAny();

        var alert = new AlertTraits(kind, severity, resourceName!);
        var severityName = kind == AlertKind.Resolved && string.IsNullOrWhiteSpace(request.Severity) ? null : SeverityNames.Name(severity);
        return new RoutingExplanation(organizationId, AlertKindNames.Name(kind), severityName, resourceName!, await plan.ExplainAsync(organizationId, alert, ct));
    }
}
