using System.Text.Json;
using System.Text.Json.Serialization;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// The queue message of one delivery: ids only (never a secret, an address or a body), well under the 64 KiB limit.
/// <see cref="Attempt"/> starts at 1; a retry is a new message with the next attempt. <see cref="Deferrals"/> counts how
/// often this attempt waited for another handler's lease. A paced delivery deferred to its destination's next free slot
/// comes back with the same attempt, the slot it holds (<see cref="PacedSlot"/>) and <see cref="PacingDeferrals"/> one up;
/// an email deferred to the next UTC day by the sender mailbox's recipient limit comes back with no slot and
/// <see cref="MailboxDayDeferrals"/> one up (it was admitted, and counted against the organization's quota, already).
/// <see cref="TraceParent"/> (W3C) continues the sender's trace in the handler, since Storage queues carry no trace
/// context; <see cref="DueAt"/> is when the message was meant to become visible, for the queue age at dequeue. Both are
/// stamped by <see cref="DeliveryQueue"/> and absent from messages written before them.
/// The dispatcher's first message of a delivery also carries the ETag of the ledger row it created and when
/// (<see cref="LedgerETag"/>, <see cref="QueuedAt"/>): with them the handler claims the row without reading it first
/// (see docs/architecture.md, "Storage requests per delivery"). Copies and retries carry neither.
/// </summary>
public sealed record DeliveryEnvelope(
    string OrganizationId, string AlertId, string DeliveryId, string Target, int Attempt, int Deferrals = 0,
    DateTimeOffset? PacedSlot = null, int PacingDeferrals = 0,
    [property: JsonPropertyName("traceparent")] string? TraceParent = null, DateTimeOffset? DueAt = null,
    [property: JsonPropertyName("etag")] string? LedgerETag = null, DateTimeOffset? QueuedAt = null, int MailboxDayDeferrals = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a message; a malformed one throws <see cref="FormatException"/> (it ends in the poison queue).</summary>
    public static DeliveryEnvelope Parse(string json)
    {
        DeliveryEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<DeliveryEnvelope>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException("The delivery message is not a delivery envelope.", e);
        }

        if (envelope is null || string.IsNullOrEmpty(envelope.OrganizationId) || string.IsNullOrEmpty(envelope.AlertId)
            || string.IsNullOrEmpty(envelope.DeliveryId) || string.IsNullOrEmpty(envelope.Target) || envelope.Attempt < 1 || envelope.Deferrals < 0 || envelope.PacingDeferrals < 0
            || envelope.MailboxDayDeferrals < 0)
        {
            throw new FormatException("The delivery message lacks an id or a valid attempt.");
        }

        return envelope;
    }
}
