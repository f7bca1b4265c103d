namespace MazeVault.Alerts.Core.Reports;

/// <summary>A secret whose rotation falls due inside the report window; <see cref="SnoozedUntil"/> when its alerts are snoozed.</summary>
public sealed record DueRotation(string Id, string SecretName, DateTimeOffset NextRotationDue, int DaysLeft, bool Enabled, DateTimeOffset? SnoozedUntil = null);
