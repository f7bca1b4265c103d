using System.Collections.Concurrent;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Routing;
using MazeVault.Alerts.Core.Telemetry;
using Microsoft.Extensions.Logging;
using MazeVault.Alerts.Core.Logging;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>
/// The daily check: streams each organization's inventory page by page, alerts by <see cref="AlertRules"/>
/// under the organization's noise control (reminders, snoozes, resolve notices, digests) and fans out through the
/// <see cref="DeliveryPlan"/>. Alert ids are per day, so a second run that day sends nothing again.
/// </summary>
public sealed class DailyCheckService(
    IInventoryStore inventory,
    DeliveryPlan plan,
    DeliveryDispatcher dispatcher,
    DeliveryLedger ledger,
    NoiseControl noiseControl,
    RotationFailureNotifier failures,
    TimeProvider clock,
    ILogger<DailyCheckService> logger)
{
    /// <summary>
    /// Organizations checked at once. Each is a sequential scan of its partitions with one page read ahead and its own
    /// bounded dispatch backlog, so two keep the storage busy while either maps, judges or waits for its backlog to
    /// drain (docs/benchmarks.md, section 1). Memory grows with this number (pages and backlogs), not with the
    /// inventory.
    /// </summary>
    private const int ConcurrentOrganizations = 2;

    public async Task<DailyCheckSummary> RunAsync(CancellationToken ct)
    {
        using var activity = AlertsTelemetry.Source.StartActivity("daily check");
        var now = clock.GetUtcNow();
        var runs = new ConcurrentQueue<OrganizationRun>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentOrganizations, CancellationToken = ct };
        await Parallel.ForEachAsync(inventory.ListOrganizationsAsync(ct), parallel, async (organizationId, _) =>
        {
            var dispatches = new BackgroundDispatch(dispatcher, ct);
            var run = new OrganizationRun();
            runs.Enqueue(run);
            try
            {
                await CheckAsync(organizationId, now, dispatches, run, ct);
                run.Queued += await dispatches.CompleteAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One organization's broken data or store must not stop the others' alerts; the next run retries it.
                await dispatches.AbandonAsync();
                logger.LogError(e, "[NotificationScheduler] Daily check of organization {OrganizationId} failed", organizationId);
            }
        });

        var total = new DailyCheckSummary(
            runs.Count, runs.Sum(r => r.Certificates), runs.Sum(r => r.Configs), runs.Sum(r => r.Alerts), runs.Sum(r => r.Queued))
        {
            Snoozed = runs.Sum(r => r.Snoozed),
            Resolved = runs.Sum(r => r.Resolved),
        };
        logger.LogInformation(
            "[NotificationScheduler] Daily check done: {Organizations} organizations, {Certificates} certificates, {RotationConfigs} rotation configs, {Alerts} alerts, {Deliveries} deliveries queued, {Snoozed} snoozed, {Resolved} resolved",
            total.Organizations, total.CertificatesScanned, total.RotationConfigsScanned, total.Alerts, total.DeliveriesQueued, total.Snoozed, total.Resolved);
        activity?.SetTag("mazevault.daily_check.alerts", total.Alerts);
        activity?.SetTag("mazevault.daily_check.deliveries_queued", total.DeliveriesQueued);
        return total;
    }

    private async Task CheckAsync(string organizationId, DateTimeOffset now, BackgroundDispatch dispatches, OrganizationRun run, CancellationToken ct)
    {
        var noise = await noiseControl.LoadAsync(organizationId, ct);
        var targets = await plan.ForOrganizationAsync(organizationId, ct);
        var (perItem, digestTargets) = DeliveryPlan.SplitForDigest(targets, noise.Policy.DigestContacts);
        var digests = new DigestsByRoute(organizationId, digestTargets);
        await foreach (var certificate in inventory.ScanCertificatesAsync(organizationId, ct))
        {
            run.Certificates++;
            var (verdict, threshold) = await noise.JudgeAsync(certificate, now, ct);
            CountFound("certificate", verdict);
            switch (verdict)
            {
                case Verdict.Alert:
                    logger.LogInformation("[NotificationScheduler] Certificate {Subject} expiring on {ExpiresOn}", LogText.Neutralize(certificate.Subject), AlertFactory.Day(certificate.NotAfter));
                    run.Alerts++;
                    var alert = AlertFactory.CertificateExpiry(certificate, now);
                    var traits = AlertTraits.Of(alert, certificate.Subject);
                    await dispatches.AddAsync(alert, DeliveryPlan.Route(perItem, traits));
                    digests.Add(certificate, traits, now);
                    await noise.AlertedAsync(ResourceKind.Certificate, certificate.Id, alert, threshold, certificate.NotAfter, ct);
                    break;
                case Verdict.Snoozed:
                    run.Snoozed++;
                    logger.LogInformation("[NotificationScheduler] Certificate {Subject} expiring on {ExpiresOn} is snoozed", LogText.Neutralize(certificate.Subject), AlertFactory.Day(certificate.NotAfter));
                    break;
                case Verdict.Resolved:
                    run.Resolved++;
                    await ResolveAsync(noise, ResourceKind.Certificate, certificate.Id, AlertFactory.CertificateResolved(certificate, now), certificate.Subject, targets, dispatches, ct);
                    break;
            }
        }

        await foreach (var config in inventory.ScanRotationConfigsAsync(organizationId, ct))
        {
            run.Configs++;
            if (config.FailureNoticeOwedSince is { } owedSince && now - owedSince >= RotationFailureNotifier.DecisionLease)
            {
                // The inventory write that turned it failed was cut off before its email (the owners' own, whatever the
                // noise control below decides for the integrations): send it now. Younger marks may still be in hand.
                try
                {
                    await failures.SettleOwedAsync(config, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The mark stays for the next write or check; this organization's alerts go on.
                    logger.LogWarning(e, "[NotificationScheduler] Owed rotation-failure email for {SecretName} (config={ConfigId}) not sent; the next check tries again", LogText.Neutralize(config.SecretName), config.Id);
                }
            }

            var verdict = await noise.JudgeAsync(config, now, ct);
            CountFound("rotation_config", verdict);
            switch (verdict)
            {
                case Verdict.Alert:
                    logger.LogInformation("[NotificationScheduler] Secret rotation failed for {SecretName} (config={ConfigId})", LogText.Neutralize(config.SecretName), config.Id);
                    run.Alerts++;
                    var alert = AlertFactory.RotationFailure(config, now);
                    var traits = AlertTraits.Of(alert, config.SecretName);
                    await dispatches.AddAsync(alert, DeliveryPlan.Route(perItem, traits));
                    digests.Add(config, traits);
                    await noise.AlertedAsync(ResourceKind.RotationConfig, config.Id, alert, threshold: null, notAfter: null, ct);
                    break;
                case Verdict.Snoozed:
                    run.Snoozed++;
                    logger.LogInformation("[NotificationScheduler] Secret rotation failed for {SecretName} (config={ConfigId}) is snoozed", LogText.Neutralize(config.SecretName), config.Id);
                    break;
                case Verdict.Resolved:
                    run.Resolved++;
                    await ResolveAsync(noise, ResourceKind.RotationConfig, config.Id, AlertFactory.RotationResolved(config, now), config.SecretName, targets, dispatches, ct);
                    break;
            }
        }

        foreach (var (digest, digestTo) in digests.ToDispatch(now))
        {
            await dispatches.AddAsync(digest, digestTo);
        }
    }

    /// <summary>
    /// With the organization's resolve notices on, the targets the open alert reached whose route takes resolved notices
    /// (and that did not opt out) get the "resolved" notice: a target that never got the alert, because its route kept
    /// the alert out then, gets no notice whatever its route says now. Either way the resource's state starts over.
    /// </summary>
    private async Task ResolveAsync(
        OrganizationNoise noise, ResourceKind kind, string resourceId, Alert resolved, string resourceName, IReadOnlyList<DeliveryTarget> targets, BackgroundDispatch dispatches, CancellationToken ct)
    {
        if (noise.Policy.ResolveNotifications && noise.OpenAlertId(kind, resourceId) is { } openAlertId)
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var delivery in ledger.QueryAsync(resolved.OrganizationId, new DeliveryQuery(AlertId: openAlertId, Status: DeliveryStatus.Delivered), ct))
            {
                reached.Add(delivery.Target);
            }

            logger.LogInformation("[NotificationScheduler] {Kind} {ResourceId} is healthy again: resolving alert {AlertId}", kind, resourceId, openAlertId);
            await dispatches.AddAsync(resolved, DeliveryPlan.Route(targets, AlertTraits.Of(resolved, resourceName)).Where(t => reached.Contains(t.Ref)).ToList());
        }

        await noise.ResolvedAsync(kind, resourceId, ct);
    }

    private static void CountFound(string kind, Verdict verdict)
    {
        if (verdict != Verdict.Quiet)
        {
            AlertsTelemetry.DailyCheckItems.Add(1, new("kind", kind), new("verdict", verdict.ToString().ToLowerInvariant()));
        }
    }

    /// <summary>One organization's counts, kept apart so that a failed organization still reports what it scanned.</summary>
    private sealed class OrganizationRun
    {
        public long Certificates;
        public long Configs;
        public int Alerts;
        public int Queued;
        public int Snoozed;
        public int Resolved;
    }
}
