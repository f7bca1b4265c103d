using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>A delivery as the history shows it; <see cref="Attempts"/> only when one delivery is read.</summary>
public sealed record DeliveryView(
    string DeliveryId,
    string AlertId,
    string? IncidentId,
    string Target,
    string TargetName,
    string Channel,
    string Status,
    int Attempt,
    string? LastError,
    string? Detail,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DeliveryAttempt>? Attempts { get; init; }

    public static DeliveryView From(DeliveryRecord d, bool withAttempts = false) => new(
        d.DeliveryId, d.AlertId, d.IncidentId, d.Target, d.TargetName, d.Channel, d.Status.ToString().ToLowerInvariant(), d.Attempt,
        d.LastError, d.Detail, d.NextAttemptAt, d.CreatedAt, d.UpdatedAt)
    {
        Attempts = withAttempts ? d.Attempts : null,
    };
}
