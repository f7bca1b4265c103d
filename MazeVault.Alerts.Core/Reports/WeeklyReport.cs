namespace MazeVault.Alerts.Core.Reports;

/// <summary>
/// The weekly expiry report of one organization: what expires or falls due in the next
/// <see cref="WeeklyReportBuilder.WindowDays"/> days, soonest first, and the inventory totals.
/// </summary>
public sealed record WeeklyReport
{
    public required string OrganizationId { get; init; }
    /// <summary>ISO week the report belongs to, e.g. <c>2026-W48</c>.</summary>
    public required string Week { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }
    public required IReadOnlyList<ExpiringCertificate> Certificates { get; init; }
    public required IReadOnlyList<DueRotation> Rotations { get; init; }
    public required int TotalCertificates { get; init; }
    public required int TotalSecrets { get; init; }
}
