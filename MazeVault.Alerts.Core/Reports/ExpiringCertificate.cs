namespace MazeVault.Alerts.Core.Reports;

/// <summary>A certificate that expires inside the report window; <see cref="SnoozedUntil"/> when its alerts are snoozed.</summary>
public sealed record ExpiringCertificate(string Id, string Subject, DateTimeOffset NotAfter, int DaysLeft, bool AutoRenewalEnabled, DateTimeOffset? SnoozedUntil = null);
