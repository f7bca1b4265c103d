using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Logging;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// When a delivery ends failed, tells the organization's fallback recipients (ADMIN_EMAIL and its incident contacts)
/// once per alert and day: which alert, which channel, why. A notice's own failure raises no further notice.
/// </summary>
public sealed class FailureNotices(DeliveryPlan plan, DeliveryDispatcher dispatcher, TimeProvider clock, ILogger<FailureNotices> logger)
{
    public const string Rule = "delivery-failure";

    public async Task RaiseAsync(DeliveryRecord failed, Alert? alert, CancellationToken ct)
    {
        if (alert?.Source == AlertSource.FailureNotice)
        {
            return;
        }

        try
        {
            var targets = await plan.ForFailureNoticeAsync(failed.OrganizationId, ct);
            var now = clock.GetUtcNow();
            var subject = alert?.Notification.Subject ?? $"alert {failed.AlertId}";
            var reason = failed.LastError ?? "unknown";
            var notice = new Alert
            {
                // One per failed alert and day: a second failing target of the same alert adds no second notice.
                Id = AlertIds.ForRule(Rule, failed.OrganizationId, failed.AlertId, DateOnly.FromDateTime(now.UtcDateTime)),
                OrganizationId = failed.OrganizationId,
                Source = AlertSource.FailureNotice,
                Rule = Rule,
                IncidentId = failed.IncidentId,
                CreatedAt = now,
                Notification = new Notification
                {
                    Subject = ChannelText.Truncate($"Alert not delivered to {failed.Channel}: {subject}", 250),
                    Message = $"MazeVault could not deliver the alert \"{subject}\" to {failed.Channel} ({failed.TargetName}): {reason}. " +
                              "Fix the integration and use its Test action; the delivery history lists every failed delivery.",
                    Severity = NotificationSeverity.High,
                    Fingerprint = AlertIds.Fingerprint(Rule, failed.OrganizationId, failed.AlertId),
                    Facts =
                    [
                        new NotificationFact("Alert", failed.AlertId),
                        new NotificationFact("Channel", failed.Channel),
                        new NotificationFact("Target", failed.TargetName),
                        new NotificationFact("Reason", reason),
                        new NotificationFact("Incident", failed.IncidentId ?? "-"),
                    ],
                },
            };
            await dispatcher.DispatchAsync(notice, targets, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The failure itself is recorded; a notice that cannot be raised must not undo that.
            logger.LogWarning("Delivery failure notice for alert {AlertId} of organization {OrganizationId} could not be raised: {Error}",
                failed.AlertId, failed.OrganizationId, LogText.Neutralize(e.GetType().Name));
        }
    }
}
