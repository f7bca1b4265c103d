using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Inventory;
using MazeVault.Alerts.Core.Rules;

namespace MazeVault.Alerts.Bench;

/// <summary>The alert the benchmark dispatches: a certificate 10 days from expiry, built as the daily check builds it.</summary>
internal static class BenchAlerts
{
    public static Alert CertificateExpiry(string organization, string certificateId, DateTimeOffset now) => AlertFactory.CertificateExpiry(new Certificate
    {
        Id = certificateId, OrganizationId = organization, Subject = $"CN={certificateId}.example.com", NotAfter = now.AddDays(10),
    }, now);
}
