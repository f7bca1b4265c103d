using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Noise;
using MazeVault.Alerts.Core.Rules;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>Builds an organization's weekly report by streaming its inventory once, page by page.</summary>
public sealed class WeeklyReportBuilder(IInventoryStore inventory)
{
    /// <summary>The spec's window: certificates and rotations within the next 60 days.</summary>
    public const int WindowDays = 60;

    /// <param name="states">The organization's alert states (<see cref="AlertStateStore.ListAsync"/>): snoozed items are marked.</param>
    public async Task<WeeklyReport> BuildAsync(string organizationId, string week, DateTimeOffset now, IReadOnlyDictionary<string, AlertState> states, CancellationToken ct)
    {
        var windowEnd = now.AddDays(WindowDays);
        var certificates = new List<ExpiringCertificate>();
        var totalCertificates = 0;
        await foreach (var certificate in inventory.ScanCertificatesAsync(organizationId, ct))
        {
            totalCertificates++;
            if (InWindow(certificate.NotAfter, now, windowEnd))
            {
                certificates.Add(new ExpiringCertificate(
                    certificate.Id, certificate.Subject, certificate.NotAfter, AlertFactory.DaysLeft(certificate, now), certificate.AutoRenewalEnabled,
                    SnoozedUntil(states, ResourceKind.Certificate, certificate.Id, ResourceKinds.Version(certificate), now)));
            }
        }

        var rotations = new List<DueRotation>();
        var totalSecrets = 0;
        await foreach (var config in inventory.ScanRotationConfigsAsync(organizationId, ct))
        {
            totalSecrets++;
            if (config.NextRotationDue is { } due && InWindow(due, now, windowEnd))
            {
                rotations.Add(new DueRotation(config.Id, config.SecretName, due, AlertFactory.DaysLeft(due, now), config.Enabled,
                    SnoozedUntil(states, ResourceKind.RotationConfig, config.Id, ResourceKinds.Version(config), now)));
            }
        }

        certificates.Sort((a, b) => a.NotAfter.CompareTo(b.NotAfter));
        rotations.Sort((a, b) => a.NextRotationDue.CompareTo(b.NextRotationDue));
        return new WeeklyReport
        {
            OrganizationId = organizationId,
            Week = week,
            GeneratedAt = now,
            WindowEnd = windowEnd,
            Certificates = certificates,
            Rotations = rotations,
            TotalCertificates = totalCertificates,
            TotalSecrets = totalSecrets,
        };
    }

    /// <summary>The end of a snooze still in force: not run out, and the resource unchanged since it was snoozed.</summary>
    private static DateTimeOffset? SnoozedUntil(IReadOnlyDictionary<string, AlertState> states, ResourceKind kind, string id, string version, DateTimeOffset now) =>
        states.TryGetValue(AlertStateStore.Key(kind, id), out var state) && state.Snooze is { } snooze && snooze.Until > now && snooze.ResourceVersion == version
            ? snooze.Until
            : null;

    // Already expired items are not "expiring within the next 60 days"; the window end is inclusive.
    private static bool InWindow(DateTimeOffset when, DateTimeOffset now, DateTimeOffset windowEnd) => when > now && when <= windowEnd;
}
