using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using Microsoft.Extensions.Logging;

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
            try
            {
                var targets = await plan.ForOrganizationAsync(organizationId, ct);
                await foreach (var certificate in inventory.ScanCertificatesAsync(organizationId, ct))
                {
                    certificates++;
                    if (AlertRules.CertificateNeedsAlert(certificate, now))
                    {
                        logger.LogInformation("[NotificationScheduler] Certificate {Subject} expiring on {ExpiresOn}", certificate.Subject, AlertFactory.Day(certificate.NotAfter));
                        alerts++;
                        queued += await dispatcher.DispatchAsync(AlertFactory.CertificateExpiry(certificate, now), targets, ct);
                    }
                }

                await foreach (var config in inventory.ScanRotationConfigsAsync(organizationId, ct))
                {
                    configs++;
                    if (AlertRules.RotationConfigNeedsAlert(config))
                    {
                        logger.LogInformation("[NotificationScheduler] Secret rotation failed for {SecretName} (config={ConfigId})", config.SecretName, config.Id);
                        alerts++;
                        queued += await dispatcher.DispatchAsync(AlertFactory.RotationFailure(config, now, AlertSource.DailyCheck), targets, ct);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One organization's broken data or store must not stop the others' alerts; the next run retries it.
                logger.LogError(e, "[NotificationScheduler] Daily check of organization {OrganizationId} failed", organizationId);
            }
        }

        logger.LogInformation(
            "[NotificationScheduler] Daily check done: {Organizations} organizations, {Certificates} certificates, {RotationConfigs} rotation configs, {Alerts} alerts, {Deliveries} deliveries queued",
            organizations, certificates, configs, alerts, queued);
        return new DailyCheckSummary(organizations, certificates, configs, alerts, queued);
    }
}
