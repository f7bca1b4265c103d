namespace MazeVault.Alerts.Core.Storage;

/// <summary>Every table the app uses. The Bicep template creates each; <see cref="All"/> is what tests cross-check.</summary>
public static class TableNames
{
    public const string Integrations = "Integrations";
    public const string IncidentContacts = "IncidentContacts";
    public const string Certificates = "Certificates";
    public const string RotationConfigs = "RotationConfigs";
    public const string WeeklyReportSettings = "WeeklyReportSettings";
    public const string Organizations = "Organizations";
    public const string Deliveries = "Deliveries";
    public const string AuditEvents = "AuditEvents";
    public const string JiraIssues = "JiraIssues";
    public const string WeeklyReportRuns = "WeeklyReportRuns";
    /// <summary>
    /// Alert content as earlier versions wrote it (now a row beside the deliveries, see AlertStore): still read, so that
    /// deliveries queued before an upgrade find their alert.
    /// </summary>
    public const string Alerts = "Alerts";
    /// <summary>Which organizations a principal that is not Alerts.Admin may act on.</summary>
    public const string AccessGrants = "AccessGrants";
    /// <summary>Each organization's noise control (reminders, resolve notices, digest for contacts).</summary>
    public const string AlertPolicies = "AlertPolicies";
    /// <summary>Per resource: the reminder reached, the open alert to resolve, a snooze.</summary>
    public const string AlertStates = "AlertStates";
    /// <summary>Per-destination send slots and pauses of paced integrations, shared by every instance.</summary>
    public const string Pacing = "Pacing";
    /// <summary>Idempotency-Key claims: the request's fingerprint and its first answer, kept for a day.</summary>
    public const string IdempotencyKeys = "IdempotencyKeys";
    /// <summary>Failed rotation executions already handled, and each config's rotation-failure emails per day.</summary>
    public const string RotationExecutions = "RotationExecutions";

    /// <summary>API keys the app issued: their role, organizations, expiry and the hash of the key, never the key.</summary>
    public const string AccessKeys = "AccessKeys";

    /// <summary>Each integration's last delivery attempt, for its health badge.</summary>
    public const string IntegrationHealth = "IntegrationHealth";

    /// <summary>Each organization's allowed recipients of feed-supplied addresses (rotation configs' notification emails).</summary>
    public const string RecipientPolicies = "RecipientPolicies";

    /// <summary>Per organization and window, what each quota counted (incidents per minute, emails per day).</summary>
    public const string Quotas = "Quotas";

    public static IReadOnlyList<string> All { get; } =
    [
        Integrations, IncidentContacts, Certificates, RotationConfigs, WeeklyReportSettings, Organizations,
        Deliveries, AuditEvents, JiraIssues, WeeklyReportRuns, Alerts, AccessGrants, AlertPolicies, AlertStates, Pacing,
        IdempotencyKeys, RotationExecutions, AccessKeys, IntegrationHealth, RecipientPolicies, Quotas,
    ];
}
