using MazeVault.Alerts.Core.Rules;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>The audit events of snoozes: who silenced what, why and until when, and why it ended.</summary>
public sealed class SnoozeAudit(AuditLog audit)
{
    public const string Snoozed = "ALERT_SNOOZED";
    public const string SnoozeEnded = "ALERT_SNOOZE_ENDED";

    public Task SnoozedAsync(AlertState state, CancellationToken ct) => audit.RecordAsync(new AuditEvent(
        state.OrganizationId, Snoozed, state.Snooze!.SnoozedAt, AlertStateStore.Key(state.Kind, state.ResourceId),
        new Dictionary<string, string>
        {
            ["Kind"] = ResourceKinds.RouteName(state.Kind),
            ["ResourceId"] = state.ResourceId,
            ["Until"] = state.Snooze.Until.ToString("O"),
            ["Reason"] = state.Snooze.Reason,
            ["Owner"] = state.Snooze.Owner,
        }), ct);

    /// <param name="snoozed">The state while it was still snoozed.</param>
    /// <param name="why">Why it ended, e.g. "its time ran out", "the resource changed state", "ended by the API".</param>
    public Task EndedAsync(AlertState snoozed, string why, DateTimeOffset now, CancellationToken ct) => audit.RecordAsync(new AuditEvent(
        snoozed.OrganizationId, SnoozeEnded, now, AlertStateStore.Key(snoozed.Kind, snoozed.ResourceId),
        new Dictionary<string, string>
        {
            ["Kind"] = ResourceKinds.RouteName(snoozed.Kind),
            ["ResourceId"] = snoozed.ResourceId,
            ["Why"] = why,
            ["Owner"] = snoozed.Snooze!.Owner,
        }), ct);
}
