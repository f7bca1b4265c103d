namespace MazeVault.Alerts.Core.Rules;

/// <summary>One audit event, e.g. <c>INCIDENT_DETECTED</c>.</summary>
public sealed record AuditEvent(
    string OrganizationId,
    string EventType,
    DateTimeOffset OccurredAt,
    string SubjectId,
    IReadOnlyDictionary<string, string> Details);
