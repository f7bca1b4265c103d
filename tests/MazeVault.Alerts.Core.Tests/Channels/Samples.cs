using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Tests.Channels;

internal static class Samples
{
    public static Notification CertificateExpiring(string fingerprint = "cert-expiry:org-1:cert-42") => new()
    {
        Subject = "Certificate CN=example.com expires in 12 days",
        Message = "Certificate CN=example.com expires on 2026-04-27.\nAuto-renewal failed: ACME order rejected.",
        Severity = NotificationSeverity.High,
        Fingerprint = fingerprint,
        Facts =
        [
            new NotificationFact("Certificate", "CN=example.com"),
            new NotificationFact("Expires", "2026-04-27"),
            new NotificationFact("Auto-renewal", "failed"),
        ],
    };

    /// <summary>The notice that the certificate of <see cref="CertificateExpiring"/> is healthy again (same fingerprint).</summary>
    public static Notification CertificateResolved(string fingerprint = "cert-expiry:org-1:cert-42") => new()
    {
        Kind = NotificationKind.Resolved,
        Subject = "Resolved: Certificate CN=example.com was renewed",
        Message = "Certificate CN=example.com now expires on 2026-07-26.",
        Severity = NotificationSeverity.Info,
        Fingerprint = fingerprint,
    };
}
