using System.Globalization;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>Turns what a rule found into an <see cref="Alert"/> with a deterministic id (rule, resource, day).</summary>
public static class AlertFactory
{
    public const string CertificateResolvedRule = "certificate-expiry-resolved";
    public const string RotationResolvedRule = "rotation-failure-resolved";
    public const string RotationExecutionFailureRule = "rotation-execution-failure";

    public static Alert CertificateExpiry(Certificate certificate, DateTimeOffset now)
    {
        var expires = Day(certificate.NotAfter);
        var daysLeft = DaysLeft(certificate, now);
        var renewal = Renewal(certificate);
        var name = FeedText.Line(certificate.Subject);
        return new Alert
        {
            Id = AlertIds.ForRule(AlertRules.CertificateExpiry, certificate.OrganizationId, certificate.Id, DateOnly.FromDateTime(now.UtcDateTime)),
            OrganizationId = certificate.OrganizationId,
            Source = AlertSource.DailyCheck,
            Rule = AlertRules.CertificateExpiry,
            CreatedAt = now,
            Notification = new Notification
            {
                Subject = $"Certificate {name} expiring on {expires}",
                Message = $"Certificate {name} expires on {expires} ({daysLeft} day(s) left). Auto-renewal: {renewal}.",
                Severity = daysLeft <= 7 ? NotificationSeverity.High : NotificationSeverity.Warning,
                Fingerprint = AlertIds.Fingerprint(AlertRules.CertificateExpiry, certificate.OrganizationId, certificate.Id),
                Facts =
                [
                    new NotificationFact("Certificate", name),
                    new NotificationFact("Expires", expires),
                    new NotificationFact("Auto-renewal", renewal),
                    new NotificationFact("Organization", certificate.OrganizationId),
                ],
            },
        };
    }

    /// <summary>The daily check's alert of a failed config: one per config and day, to the organization's targets.</summary>
    public static Alert RotationFailure(RotationConfig config, DateTimeOffset now) => RotationFailure(
        config, AlertIds.ForRule(AlertRules.RotationFailure, config.OrganizationId, config.Id, DateOnly.FromDateTime(now.UtcDateTime)),
        AlertSource.DailyCheck, AlertRules.RotationFailure, now);

    /// <summary>
    /// The per-secret email of one failed execution: its own rule, so it never dedupes against the daily
    /// check's alert, and its own <paramref name="alertId"/> per execution.
    /// </summary>
    public static Alert RotationExecutionFailure(RotationConfig config, string alertId, DateTimeOffset now) =>
        RotationFailure(config, alertId, AlertSource.RotationExecution, RotationExecutionFailureRule, now);

    private static Alert RotationFailure(RotationConfig config, string alertId, AlertSource source, string rule, DateTimeOffset now)
    {
        // Both from the vault's feed: shown as one capped line and a capped block, whatever a submitter wrote.
        var secret = FeedText.Line(config.SecretName);
        var error = string.IsNullOrWhiteSpace(config.LastError) ? "no error was reported" : FeedText.Block(config.LastError);
        return new Alert
        {
            Id = alertId,
            OrganizationId = config.OrganizationId,
            Source = source,
            Rule = rule,
            CreatedAt = now,
            Notification = new Notification
            {
                Subject = $"Secret rotation failed: {secret}",
                Message = $"The rotation of secret {secret} failed: {error}",
                Severity = NotificationSeverity.High,
                Fingerprint = AlertIds.Fingerprint(AlertRules.RotationFailure, config.OrganizationId, config.Id),
                Facts =
                [
                    new NotificationFact("Secret", secret),
                    new NotificationFact("Rotation config", config.Id),
                    new NotificationFact("Error", error),
                    new NotificationFact("Organization", config.OrganizationId),
                ],
            },
        };
    }

    /// <summary>The "resolved" notice of a certificate's expiry alert: same fingerprint, so JIRA closes the alert's issue.</summary>
    public static Alert CertificateResolved(Certificate certificate, DateTimeOffset now) => Resolved(
        CertificateResolvedRule, AlertRules.CertificateExpiry, certificate.OrganizationId, certificate.Id, now,
        $"Resolved: certificate {FeedText.Line(certificate.Subject)} no longer needs attention",
        $"Certificate {FeedText.Line(certificate.Subject)} now expires on {Day(certificate.NotAfter)} and no longer needs attention; its expiry alert is resolved.",
        [new NotificationFact("Certificate", FeedText.Line(certificate.Subject)), new NotificationFact("Expires", Day(certificate.NotAfter))]);

    /// <summary>The "resolved" notice of a rotation config's failure alert.</summary>
    public static Alert RotationResolved(RotationConfig config, DateTimeOffset now) => Resolved(
        RotationResolvedRule, AlertRules.RotationFailure, config.OrganizationId, config.Id, now,
        $"Resolved: secret rotation of {FeedText.Line(config.SecretName)} succeeded",
        $"The rotation of secret {FeedText.Line(config.SecretName)} succeeded; its failure alert is resolved.",
        [new NotificationFact("Secret", FeedText.Line(config.SecretName)), new NotificationFact("Rotation config", config.Id)]);

    /// <summary>A resolved notice: its own rule and id per day, and the fingerprint of the alert rule it answers.</summary>
    private static Alert Resolved(
        string rule, string alertRule, string organizationId, string resourceId, DateTimeOffset now, string subject, string message, IReadOnlyList<NotificationFact> facts) => new()
    {
        Id = AlertIds.ForRule(rule, organizationId, resourceId, DateOnly.FromDateTime(now.UtcDateTime)),
        OrganizationId = organizationId,
        Source = AlertSource.DailyCheck,
        Rule = rule,
        CreatedAt = now,
        Notification = new Notification
        {
            Kind = NotificationKind.Resolved,
            Subject = subject,
            Message = message,
            Severity = NotificationSeverity.Info,
            Fingerprint = AlertIds.Fingerprint(alertRule, organizationId, resourceId),
            Facts = [.. facts, new NotificationFact("Organization", organizationId)],
        },
    };

    /// <summary>Whole days left, rounded up: a certificate expiring in 3 hours has 1 day left.</summary>
    internal static int DaysLeft(Certificate certificate, DateTimeOffset now) => DaysLeft(certificate.NotAfter, now);

    /// <summary>Whole days until <paramref name="when"/>, rounded up; the one rounding of alerts and reports alike.</summary>
    internal static int DaysLeft(DateTimeOffset when, DateTimeOffset now) => (int)Math.Ceiling((when - now).TotalDays);

    internal static string Renewal(Certificate certificate) => !certificate.AutoRenewalEnabled ? "disabled" : "enabled, last renewal failed";

    internal static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
