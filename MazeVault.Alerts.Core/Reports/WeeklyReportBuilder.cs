using MazeVault.Alerts.Core.Inventory;

namespace MazeVault.Alerts.Core.Reports;

/// <summary>Builds an organization's weekly report by streaming its inventory once, page by page.</summary>
public sealed class WeeklyReportBuilder(IInventoryStore inventory)
{
    /// <summary>The spec's window: certificates and rotations within the next 60 days.</summary>
    public const int WindowDays = 60;

    public async Task<WeeklyReport> BuildAsync(string organizationId, string week, DateTimeOffset now, CancellationToken ct)
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
                    certificate.Id, certificate.Subject, certificate.NotAfter, DaysLeft(certificate.NotAfter, now), certificate.AutoRenewalEnabled));
            }
        }

        var rotations = new List<DueRotation>();
        var totalSecrets = 0;
        await foreach (var config in inventory.ScanRotationConfigsAsync(organizationId, ct))
        {
            totalSecrets++;
            if (config.NextRotationDue is { } due && InWindow(due, now, windowEnd))
            {
                rotations.Add(new DueRotation(config.Id, config.SecretName, due, DaysLeft(due, now), config.Enabled));
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

    // Already expired items are not "expiring within the next 60 days"; the window end is inclusive.
    private static bool InWindow(DateTimeOffset when, DateTimeOffset now, DateTimeOffset windowEnd) => when > now && when <= windowEnd;

    /// <summary>Whole days left, rounded up, so something expiring in 3 hours shows as 1 day, not 0.</summary>
    private static int DaysLeft(DateTimeOffset when, DateTimeOffset now) => (int)Math.Ceiling((when - now).TotalDays);
}
