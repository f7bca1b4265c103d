using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>Puts delivery envelopes on DELIVERY_QUEUE_NAME (Base64, as the queue trigger reads them).</summary>
public sealed class DeliveryQueue(EnsuredStorage storage, IOptions<DeliveryOptions> options)
{
    // Storage refuses a visibility timeout beyond seven days.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public async Task EnqueueAsync(DeliveryEnvelope envelope, TimeSpan delay, CancellationToken ct)
    {
        var queue = await storage.QueueAsync(options.Value.QueueName);
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay > MaxDelay ? MaxDelay : delay;
        await queue.SendMessageAsync(envelope.ToJson(), visibility, cancellationToken: ct);
    }
}
