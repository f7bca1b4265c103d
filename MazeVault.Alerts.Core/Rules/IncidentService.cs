using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Idempotency;
using MazeVault.Alerts.Core.Quotas;
using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Telemetry;
using Microsoft.Extensions.Logging;
using MazeVault.Alerts.Core.Logging;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>
/// Records <c>INCIDENT_DETECTED</c> in the audit log, then notifies contacts and integrations at once through
/// the <see cref="DeliveryPlan"/>. The incident id derives from every field of the incident (and the caller's
/// Idempotency-Key, when given), so a retried POST is the same incident and two different incidents are never merged.
/// </summary>
public sealed class IncidentService(
    AuditLog audit,
    IdempotencyStore idempotency,
    DeliveryPlan plan,
    DeliveryDispatcher dispatcher,
    OrganizationQuotas quotas,
    TimeProvider clock,
    ILogger<IncidentService> logger)
{
    public const string Rule = "incident";

    /// <summary>
    /// Throws <see cref="Validation.ValidationException"/> for bad input and <see cref="QuotaExceededException"/> past
    /// QUOTA_INCIDENTS_PER_MINUTE, before anything is written. With an
    /// <paramref name="idempotencyKey"/>, a repeat gets the first answer (see <see cref="IdempotencyStore"/>).
    /// </summary>
    public async Task<IncidentAccepted> ReportAsync(string organizationId, IncidentRequest request, string? idempotencyKey, CancellationToken ct)
    {
        // A child of the HTTP request's span: the deliveries it queues continue this trace through the queue.
        using var activity = AlertsTelemetry.Source.StartActivity("incident report");
        Validation.FieldErrors.RequireOrganization(organizationId);
        var key = IdempotencyStore.ValidateKey(idempotencyKey);
        var now = clock.GetUtcNow();
        var (type, severity, severityName, resource, detectedAt, details) = IncidentValidation.Validate(request, now);
        var content = new Incident("", organizationId, type, severity, severityName, resource, detectedAt, details);
        var fingerprint = content.Fingerprint();
        // A caller's key makes its request its own incident, even when another request carries the same fields.
        var incident = content with { Id = "inc-" + AlertIds.Hash(organizationId, fingerprint, key ?? "") };
        activity?.SetTag("mazevault.incident.id", incident.Id);
        return key is null
            ? await CreateAsync(incident, now, ct)
            : await idempotency.RunAsync(organizationId, Rule, key, fingerprint, () => CreateAsync(incident, now, ct), ct);
    }

    private async Task<IncidentAccepted> CreateAsync(Incident incident, DateTimeOffset now, CancellationToken ct)
    {
        var organizationId = incident.OrganizationId;
        // Counted before anything is written or sent, and only for an incident being created (a repeat answered from its
        // Idempotency-Key is not): past the minute's quota the caller gets 429 and Retry-After, and the key is released.
        await quotas.TakeIncidentAsync(organizationId, ct);
        var recorded = audit.RecordAsync(new AuditEvent(organizationId, AuditLog.IncidentDetected, incident.DetectedAt, incident.Id, new Dictionary<string, string>
        {
            ["IncidentType"] = incident.Type,
            ["Severity"] = incident.SeverityName,
            ["AffectedResourceName"] = incident.AffectedResourceName,
            ["ChangeDetails"] = incident.ChangeDetails,
        }), ct);
        // The plan is read while the audit row is written (one round trip fewer on the caller's wait); nothing is
        // dispatched before the audit row exists.
        var targets = plan.ForAlertAsync(organizationId, new AlertTraits(AlertKind.Incident, incident.Severity, incident.AffectedResourceName), ct);
        await Task.WhenAll(recorded, targets);
        logger.LogInformation("[IncidentService] Incident {IncidentId} detected: {IncidentType} ({Severity}) on {Resource}", incident.Id, LogText.Neutralize(incident.Type), incident.SeverityName, LogText.Neutralize(incident.AffectedResourceName));

        var queued = await dispatcher.DispatchAsync(ToAlert(incident, now), await targets, ct);
        return new IncidentAccepted(incident.Id, queued);
    }

    private static Alert ToAlert(Incident incident, DateTimeOffset now)
    {
        var severityName = incident.SeverityName;
        var detected = incident.DetectedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        // From the submitter: capped, so one incident cannot carry pages of attacker-written text to every recipient.
        var details = string.IsNullOrEmpty(incident.ChangeDetails) ? "none given" : FeedText.Block(incident.ChangeDetails);
        return new Alert
        {
            Id = incident.Id,
            OrganizationId = incident.OrganizationId,
            Source = AlertSource.Incident,
            Rule = Rule,
            IncidentId = incident.Id,
            CreatedAt = now,
            Notification = new Notification
            {
                Subject = $"Security incident ({severityName}): {incident.Type} on {incident.AffectedResourceName}",
                Message = $"A {severityName} {incident.Type} incident was detected on {incident.AffectedResourceName} at {detected}. Changes: {details}",
                Severity = incident.Severity,
                Fingerprint = AlertIds.Fingerprint(Rule, incident.OrganizationId, incident.Id),
                Facts =
                [
                    new NotificationFact("Incident type", incident.Type),
                    new NotificationFact("Severity", severityName),
                    new NotificationFact("Affected resource", incident.AffectedResourceName),
                    new NotificationFact("Detected", detected),
                    new NotificationFact("Change details", details),
                    new NotificationFact("Incident id", incident.Id),
                ],
            },
        };
    }
}
