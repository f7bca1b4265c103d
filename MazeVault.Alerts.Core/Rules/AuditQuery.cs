using MazeVault.Alerts.Core.Storage;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>A validated read of the audit log: every filter optional, <see cref="After"/> the position a previous page ended at.</summary>
public sealed record AuditQuery
{
    public string? EventType { get; init; }
    /// <summary>The event's subject, or the resource it names (an incident's affected resource, a snoozed resource's id).</summary>
    public string? Resource { get; init; }
    /// <summary>Inclusive.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Exclusive.</summary>
    public DateTimeOffset? To { get; init; }
    public int Limit { get; init; } = PageRequest.DefaultLimit;
    public string? After { get; init; }
}
