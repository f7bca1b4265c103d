using MazeVault.Alerts.Core.Inventory;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>The daily check's two tables, exactly.</summary>
public static class AlertRules
{
    public const string CertificateExpiry = "certificate-expiry";
    public const string RotationFailure = "rotation-failure";

    /// <summary>"Within 30 days" includes a certificate expiring exactly 30 days from now.</summary>
    public static readonly TimeSpan ExpiryWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// Alerts for a certificate not yet expired that expires within 30 days, unless auto-renewal is enabled and has not
    /// failed. Already expired: no alert (only pre-expiry alerts).
    /// </summary>
    public static bool CertificateNeedsAlert(Certificate certificate, DateTimeOffset now) =>
        certificate.NotAfter > now
        && certificate.NotAfter - now <= ExpiryWindow
        && (!certificate.AutoRenewalEnabled || certificate.LastRenewalStatus == RenewalStatus.Failed);

    /// <summary>Alerts for an enabled rotation config whose status is failed; success or disabled: no alert.</summary>
    public static bool RotationConfigNeedsAlert(RotationConfig config) =>
        config.Enabled && config.Status == RotationStatus.Failed;
}
