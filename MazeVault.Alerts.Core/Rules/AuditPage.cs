namespace MazeVault.Alerts.Core.Rules;

/// <summary>One page of audit events, newest first; <see cref="ContinuationToken"/> reads the next, null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, string? ContinuationToken);
