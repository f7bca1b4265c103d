using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Reports;

namespace MazeVault.Alerts.Core.Tests.Reports;

/// <summary>Inventory and reports for report tests.</summary>
internal static class ReportSamples
{
    public static readonly DateTimeOffset Monday0700Prague = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    public static Certificate Certificate(string id, DateTimeOffset notAfter, bool autoRenewal = false) => new()
    {
        Id = id,
        OrganizationId = "org-1",
        Subject = $"CN={id}.example.com",
        NotAfter = notAfter,
        AutoRenewalEnabled = autoRenewal,
    };

    public static RotationConfig Rotation(string id, DateTimeOffset? due, bool enabled = true) => new()
    {
        Id = id,
        OrganizationId = "org-1",
        SecretName = $"secret-{id}",
        NextRotationDue = due,
        Enabled = enabled,
    };

    public static WeeklyReport Report(int certificates, int rotations, DateTimeOffset? now = null)
    {
        var at = now ?? Monday0700Prague;
        return new WeeklyReport
        {
            OrganizationId = "org-1",
            Week = "2026-W49",
            GeneratedAt = at,
            WindowEnd = at.AddDays(60),
            Certificates = Enumerable.Range(0, certificates)
                .Select(i => new ExpiringCertificate($"c{i}", $"CN=host-{i:00000}.example.com", at.AddDays(1 + i % 59), 1 + i % 59, i % 3 == 0))
                .ToList(),
            Rotations = Enumerable.Range(0, rotations)
                .Select(i => new DueRotation($"r{i}", $"db-password-{i:00000}", at.AddDays(1 + i % 59), 1 + i % 59, i % 4 != 0))
                .ToList(),
            TotalCertificates = certificates * 2,
            TotalSecrets = rotations * 3,
        };
    }

    public static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
