using MazeVault.Alerts.Core.Channels;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// Fans an alert out: stores it with one queued ledger row per target (one transaction), and enqueues one message per
/// delivery.
/// </summary>
public sealed class DeliveryDispatcher(AlertStore alerts, DeliveryLedger ledger, DeliveryQueue queue, ChannelCatalog channels, TimeProvider clock)
{
    /// <summary>Returns how many deliveries this call queued (zero when every target already had this alert).</summary>
    public async Task<int> DispatchAsync(Alert alert, IReadOnlyList<DeliveryTarget> targets, CancellationToken ct)
    {
        if (targets.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var records = targets.Select(t => DeliveryRecord.Queued(alert, t.Ref, t.Integration, channels.Get(t.Integration.Type).DisplayName, now)).ToList();

        // Content and ledger before any message, in one transaction: a crash before the enqueue leaves queued rows that
        // the next run re-enqueues, and a handler never meets a message whose alert is missing.
        var (alertAdded, toEnqueue) = await ledger.AddQueuedAsync(await alerts.ToRowAsync(alert, ct), records, ct);
        if (alertAdded)
        {
            await alerts.RememberAsync(alert);
        }

        foreach (var record in toEnqueue)
        {
            // One after another, so the queue holds them in the plan's order; alerts fan out concurrently instead.
            await queue.EnqueueAsync(record.DispatchEnvelope(), TimeSpan.Zero, ct);
        }

        return toEnqueue.Count;
    }
}
