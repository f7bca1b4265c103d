using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.Core.Noise;

/// <summary>
/// One organization's noise control during one daily check: its policy and the per-resource states read once at the
/// start (one range query), the verdict for each resource scanned, and the state writes that verdict needs.
/// </summary>
public sealed class OrganizationNoise(AlertPolicy policy, Dictionary<string, AlertState> states, AlertStateStore store, SnoozeAudit audit, ILogger logger)
{
    public AlertPolicy Policy => policy;

    // ValueTask and a version built only for a snoozed resource: this runs for every row of the inventory, and almost every
    // row has no state at all.
    public async ValueTask<(Verdict Verdict, int? Threshold)> JudgeAsync(Certificate certificate, DateTimeOffset now, CancellationToken ct)
    {
        var due = AlertRules.CertificateNeedsAlert(certificate, now);
        var state = Find(ResourceKind.Certificate, certificate.Id);
        if (state?.Snooze is { } snooze)
        {
            state = await EndSnoozeIfOverAsync(state, snooze, ResourceKinds.Version(certificate), now, ct);
        }

        if (due)
        {
            if (state?.Snooze is not null)
            {
                return (Verdict.Snoozed, null);
            }

            var (alert, threshold) = ReminderSchedule.ForCertificate(policy, state, certificate, now);
            return (alert ? Verdict.Alert : Verdict.Quiet, threshold);
        }

        // An expired certificate is not healthy: its alert stays open until it is replaced.
        return (certificate.NotAfter > now && state is { IsOpen: true } ? Verdict.Resolved : Verdict.Quiet, null);
    }

    public async ValueTask<Verdict> JudgeAsync(RotationConfig config, DateTimeOffset now, CancellationToken ct)
    {
        var state = Find(ResourceKind.RotationConfig, config.Id);
        if (state?.Snooze is { } snooze)
        {
            state = await EndSnoozeIfOverAsync(state, snooze, ResourceKinds.Version(config), now, ct);
        }

        if (AlertRules.RotationConfigNeedsAlert(config))
        {
            return state?.Snooze is not null ? Verdict.Snoozed
                : ReminderSchedule.ForRotationFailure(policy, state, now) ? Verdict.Alert
                : Verdict.Quiet;
        }

        return config is { Enabled: true, Status: RotationStatus.Success } && state is { IsOpen: true } ? Verdict.Resolved : Verdict.Quiet;
    }

    /// <summary>The alert that is open for a resource (the one a "resolved" notice answers), if any.</summary>
    public string? OpenAlertId(ResourceKind kind, string resourceId) => Find(kind, resourceId)?.OpenAlertId;

    /// <summary>Remembers the alert sent today when the policy needs it (thresholds reached, an alert to resolve later).</summary>
    public Task AlertedAsync(ResourceKind kind, string resourceId, Alert alert, int? threshold, DateTimeOffset? notAfter, CancellationToken ct)
    {
        if (!policy.KeepsState)
        {
            return Task.CompletedTask;
        }

        var state = Find(kind, resourceId) ?? new AlertState { OrganizationId = policy.OrganizationId, Kind = kind, ResourceId = resourceId };
        return SaveAsync(state with { OpenAlertId = alert.Id, LastAlertedAt = alert.CreatedAt, ThresholdReached = threshold, NotAfter = notAfter }, ct);
    }

    /// <summary>Forgets the open alert and the thresholds reached: the next time the resource is due starts over.</summary>
    public Task ResolvedAsync(ResourceKind kind, string resourceId, CancellationToken ct) =>
        Find(kind, resourceId) is { } state
            ? SaveAsync(state with { OpenAlertId = null, ThresholdReached = null, NotAfter = null }, ct)
            : Task.CompletedTask;

    private async Task<AlertState> EndSnoozeIfOverAsync(AlertState state, Snooze snooze, string version, DateTimeOffset now, CancellationToken ct)
    {
        var why = now >= snooze.Until ? "its time ran out" : snooze.ResourceVersion != version ? "the resource changed state" : null;
        if (why is null)
        {
            return state;
        }

        var ended = state with { Snooze = null };
        await SaveAsync(ended, ct);
        await audit.EndedAsync(state, why, now, ct);
        return ended;
    }

    // Most organizations keep no state: no key is built for them.
    private AlertState? Find(ResourceKind kind, string resourceId) => states.Count == 0 ? null : states.GetValueOrDefault(AlertStateStore.Key(kind, resourceId));

    private async Task SaveAsync(AlertState state, CancellationToken ct)
    {
        var key = AlertStateStore.Key(state.Kind, state.ResourceId);
        try
        {
            if (await store.SaveAsync(state, ct) is { } saved)
            {
                states[key] = saved;
            }
            else
            {
                states.Remove(key);
            }
        }
        catch (ConcurrencyConflictException)
        {
            // A snooze set through the API meanwhile: it wins; this run's alert went out and the next run reads the new state.
            logger.LogWarning("[NotificationScheduler] Alert state of {Kind} {ResourceId} changed during the daily check; kept the other change", state.Kind, state.ResourceId);
        }
    }
}
