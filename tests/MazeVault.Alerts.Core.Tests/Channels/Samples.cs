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
}
