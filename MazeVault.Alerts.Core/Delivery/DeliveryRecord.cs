using MazeVault.Alerts.Core.Integrations;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>One delivery (an alert to one target) in table <c>Deliveries</c>: PartitionKey = organization, RowKey = delivery id.</summary>
public sealed record DeliveryRecord
{
    public required string OrganizationId { get; init; }
    public required string DeliveryId { get; init; }
    public required string AlertId { get; init; }
    public string? IncidentId { get; init; }
    public required string Target { get; init; }
    public required string Channel { get; init; }
    public required string TargetName { get; init; }
    public required DeliveryStatus Status { get; init; }
    /// <summary>The attempt the current (or next) queue message carries, from 1.</summary>
    public int Attempt { get; init; } = 1;
    /// <summary>Why the last attempt did not deliver; channel reasons never hold secrets.</summary>
    public string? LastError { get; init; }
    /// <summary>What the vendor answered on success, e.g. the JIRA issue key; for a skipped or suppressed delivery, why nothing was sent.</summary>
    public string? Detail { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    /// <summary>When a queue message for the queued row was last sent (or is being sent): a rerun re-sends it only after a grace.</summary>
    public DateTimeOffset? EnqueuedAt { get; init; }
    /// <summary>The latest <see cref="DeliveryAttempt.Kept"/> attempts, oldest first.</summary>
    public IReadOnlyList<DeliveryAttempt> Attempts { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? ETag { get; init; }

    /// <summary>
    /// The queued row of <paramref name="alert"/> to one target as the dispatcher writes it at <paramref name="at"/>; also
    /// what a handler rebuilds to claim that row without reading it, so both must come from here.
    /// </summary>
    /// <param name="channel">The channel's name as the spec's log lines write it ("JIRA", "Teams", ...).</param>
    public static DeliveryRecord Queued(Alert alert, string targetRef, Integration target, string channel, DateTimeOffset at) => new()
    {
        OrganizationId = alert.OrganizationId,
        DeliveryId = AlertIds.ForDelivery(alert.Id, targetRef),
        AlertId = alert.Id,
        IncidentId = alert.IncidentId,
        Target = targetRef,
        Channel = channel,
        TargetName = target.Name,
        Status = DeliveryStatus.Queued,
        // The dispatcher sends the message right after the row is written; a concurrent rerun leaves it alone.
        EnqueuedAt = at,
        CreatedAt = at,
        UpdatedAt = at,
    };

    /// <summary>This record with <paramref name="attempt"/> added to its history (the oldest dropped past the bound).</summary>
    public DeliveryRecord WithAttempt(DeliveryAttempt attempt) => this with
    {
        Attempts = [.. Attempts.Append(attempt with { Reason = attempt.Reason is { Length: > DeliveryAttempt.MaxReasonLength } r ? r[..DeliveryAttempt.MaxReasonLength] : attempt.Reason }).TakeLast(DeliveryAttempt.Kept)],
    };

    public bool IsFinal => Status is DeliveryStatus.Delivered or DeliveryStatus.Failed or DeliveryStatus.Skipped or DeliveryStatus.Suppressed;

    public DeliveryEnvelope Envelope(int attempt) => new(OrganizationId, AlertId, DeliveryId, Target, attempt);

    /// <summary>
    /// The first message of a row the dispatcher has just created: with the row's ETag and creation time when it is still
    /// exactly as created (queued, attempt 1, sent once), so that its handler can claim it without reading it.
    /// </summary>
    public DeliveryEnvelope DispatchEnvelope() =>
        Status == DeliveryStatus.Queued && Attempt == 1 && ETag is not null && EnqueuedAt == CreatedAt && UpdatedAt == CreatedAt
            ? Envelope(1) with { LedgerETag = ETag, QueuedAt = CreatedAt }
            : Envelope(Attempt);
}
