using System.Text.Json;
using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;

namespace MazeVault.Alerts.Core.Rules;

/// <summary>A validated security incident.</summary>
public sealed record Incident(
    string Id,
    string OrganizationId,
    string Type,
    NotificationSeverity Severity,
    string SeverityName,
    string AffectedResourceName,
    DateTimeOffset DetectedAt,
    string ChangeDetails)
{
    /// <summary>
    /// A hash of every field but the id, serialized rather than listed, so that a field added later is part of the
    /// incident's identity without anyone remembering to add it here.
    /// </summary>
    public string Fingerprint() => AlertIds.Hash(JsonSerializer.Serialize(this with { Id = "" }));
}
