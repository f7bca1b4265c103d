using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using Microsoft.Extensions.Logging;
using MazeVault.Alerts.Core.Logging;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>What one daily check did.</summary>
public sealed record DailyCheckSummary(int Organizations, long CertificatesScanned, long RotationConfigsScanned, int Alerts, int DeliveriesQueued);

/// <summary>
/// The daily check (spec 3.1): streams each organization's inventory page by page, alerts by <see cref="AlertRules"/>
/// and fans out through the <see cref="DeliveryPlan"/>. Alert ids are per day, so a second run that day sends nothing again.
/// </summary>
public sealed class DailyCheckService(
    IInventoryStore inventory,
    DeliveryPlan plan,
    DeliveryDispatcher dispatcher,
    TimeProvider clock,
    ILogger<DailyCheckService> logger)
{
    public async Task<DailyCheckSummary> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        int organizations = 0, alerts = 0, queued = 0;
        long certificates = 0, configs = 0;
        await foreach (var organizationId in inventory.ListOrganizationsAsync(ct))
        {
            organizations++;
            var dispatches = new BoundedDispatch(dispatcher, ct);
            try
            {
                var targets = await plan.ForOrganizationAsync(organizationId, ct);
                await foreach (var certificate in inventory.ScanCertificatesAsync(organizationId, ct))
                {
                    certificates++;
                    if (AlertRules.CertificateNeedsAlert(certificate, now))
                    {
                        logger.LogInformation("[NotificationScheduler] Certificate {Subject} expiring on {ExpiresOn}", LogText.Neutralize(certificate.Subject), AlertFactory.Day(certificate.NotAfter));
                        alerts++;
                        await dispatches.AddAsync(AlertFactory.CertificateExpiry(certificate, now), targets);
                    }
                }

                await foreach (var config in inventory.ScanRotationConfigsAsync(organizationId, ct))
                {
                    configs++;
                    if (AlertRules.RotationConfigNeedsAlert(config))
                    {
                        logger.LogInformation("[NotificationScheduler] Secret rotation failed for {SecretName} (config={ConfigId})", LogText.Neutralize(config.SecretName), config.Id);
                        alerts++;
                        await dispatches.AddAsync(AlertFactory.RotationFailure(config, now, AlertSource.DailyCheck), targets);
                    }
                }

                queued += await dispatches.CompleteAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One organization's broken data or store must not stop the others' alerts; the next run retries it.
                await dispatches.AbandonAsync();
                logger.LogError(e, "[NotificationScheduler] Daily check of organization {OrganizationId} failed", organizationId);
            }
        }

        logger.LogInformation(
            "[NotificationScheduler] Daily check done: {Organizations} organizations, {Certificates} certificates, {RotationConfigs} rotation configs, {Alerts} alerts, {Deliveries} deliveries queued",
            organizations, certificates, configs, alerts, queued);
        return new DailyCheckSummary(organizations, certificates, configs, alerts, queued);
    }

    /// <summary>
    /// Dispatches alerts while the scan goes on, a few at a time, so that a day with many alerts costs about the scan
    /// rather than the scan plus one round trip per alert. Order matters within an alert's targets, not across alerts.
    /// </summary>
    private sealed class BoundedDispatch(DeliveryDispatcher dispatcher, CancellationToken ct)
    {
        private const int MaxInFlight = 8;
        private readonly List<Task<int>> _inFlight = [];
        private int _queued;

        public async Task AddAsync(Alert alert, IReadOnlyList<DeliveryTarget> targets)
        {
            if (_inFlight.Count >= MaxInFlight)
            {
                var done = await Task.WhenAny(_inFlight);
                _inFlight.Remove(done);
                _queued += await done;
            }

            _inFlight.Add(dispatcher.DispatchAsync(alert, targets, ct));
        }

        public async Task<int> CompleteAsync()
        {
            foreach (var count in await Task.WhenAll(_inFlight))
            {
                _queued += count;
            }

            _inFlight.Clear();
            return _queued;
        }

        /// <summary>Waits for what is in flight after a failure; their own errors add nothing to the one being reported.</summary>
        public async Task AbandonAsync()
        {
            try
            {
                await Task.WhenAll(_inFlight);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Deliberately ignored: see the summary.
            }
        }
    }
}
