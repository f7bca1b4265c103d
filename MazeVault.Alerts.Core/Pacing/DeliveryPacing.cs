using MazeVault.Alerts.Core.Channels;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Integrations;
using MazeVault.Alerts.Core.Logging;
using MazeVault.Alerts.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Pacing;

/// <summary>
/// What the delivery processor asks before and after a send to a paced integration. Integrations without <c>paced</c>
/// (and channels that declare no rate) pass straight through: no storage request, no wait; except on a channel whose one
/// destination every target shares (email's sender mailbox), where every delivery is paced.
/// </summary>
public sealed class DeliveryPacing(
    ChannelCatalog channels,
    DestinationPacer pacer,
    IOptions<DeliveryOptions> delivery,
    TimeProvider clock,
    ILogger<DeliveryPacing> logger)
{
    /// <summary>
    /// A slot at most this far off is waited for in the handler; a later one sends the message back to the queue. Storage
    /// counts visibility in whole seconds, so the copy is due back one to two seconds early and waits out the rest here.
    /// </summary>
    public static readonly TimeSpan MaxWaitInHandler = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Null when <paramref name="message"/> may be sent now (after waiting for a slot that was near); otherwise the slot it
    /// holds, to be deferred to without sending.
    /// </summary>
    public async Task<DateTimeOffset?> WaitForSlotAsync(Integration target, DeliveryEnvelope message, CancellationToken ct)
    {
        if (!IsPaced(target) || await DestinationAsync(target, ct) is not { } destination)
        {
            return null;
        }

        var slot = await pacer.AcquireAsync(destination, message.PacedSlot, ct);
        var wait = slot - clock.GetUtcNow();
        if (wait > MaxWaitInHandler)
        {
            return slot;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, ct);
        }

        return null;
    }

    /// <summary>After a send: a paced destination that said 429 pauses for every delivery to it, not only the one refused.</summary>
    public async Task AfterSendAsync(Integration target, DeliveryOutcome outcome, CancellationToken ct)
    {
        if (!IsPaced(target) || outcome is not DeliveryOutcome.Retryable { Throttled: true } throttled || await DestinationAsync(target, ct) is not { } destination)
        {
            return;
        }

        // Without Retry-After, as long as the refused delivery's own first retry waits.
        var until = clock.GetUtcNow() + (throttled.RetryAfter ?? delivery.Value.FirstBackoff);
        if (await pacer.PauseAsync(destination, until, $"{target.OrganizationId}/{target.Id}", ct))
        {
            // The channel only: the destination key is derived from the webhook URL.
            AlertsTelemetry.DestinationsPaused.Add(1, new KeyValuePair<string, object?>("channel", target.Type));
        }

        logger.LogWarning(
            "[Pacing] Destination {Destination} of {Channel} integration {IntegrationId} answered 429: paused until {PausedUntil:O} for every paced delivery to it",
            destination.Key, target.Type, LogText.Neutralize(target.Id), until);
    }

    /// <summary>
    /// Counts a send to <paramref name="target"/> against its destination's allowance of the day, whatever its <c>paced</c>
    /// flag: null to send now; otherwise (nothing counted) when the allowance renews.
    /// </summary>
    public Task<DateTimeOffset?> TakeDailyAllowanceAsync(Integration target, CancellationToken ct) =>
        PacedChannelOf(target)?.TakeDailyAllowanceAsync(target, ct) ?? Task.FromResult<DateTimeOffset?>(null);

    /// <summary>Whether deliveries to <paramref name="target"/> take send slots: its <c>paced</c> flag, or a channel that paces every target.</summary>
    public bool IsPaced(Integration target) =>
        target.Paced || PacedChannelOf(target) is { PacesEveryTarget: true };

    /// <summary>The visibility delay of a copy deferred to <paramref name="slot"/>: due back within <see cref="MaxWaitInHandler"/> of it.</summary>
    public static TimeSpan QueueDelay(DateTimeOffset slot, DateTimeOffset now) =>
        TimeSpan.FromSeconds(Math.Max(0, Math.Floor((slot - now).TotalSeconds) - 1));

    private Task<PacedDestination?> DestinationAsync(Integration target, CancellationToken ct) =>
        PacedChannelOf(target)?.DestinationAsync(target, ct) ?? Task.FromResult<PacedDestination?>(null);

    /// <summary>The target's channel when it is registered and has destinations to pace; else null.</summary>
    private IPacedChannel? PacedChannelOf(Integration target) =>
        channels.Find(target.Type) is not null ? channels.ChannelFor(target.Type) as IPacedChannel : null;
}
