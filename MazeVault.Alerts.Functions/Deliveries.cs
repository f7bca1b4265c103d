using MazeVault.Alerts.Core.Delivery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace MazeVault.Alerts.Functions;

/// <summary>
/// Sends one delivery per queue message. A message that keeps throwing lands in the poison queue after
/// maxDequeueCount (host.json), where the second trigger records the delivery failed so it is not lost silently.
/// </summary>
public sealed class Deliveries(DeliveryProcessor processor, ILogger<Deliveries> logger)
{
    [Function("SendDelivery")]
    public Task Send([QueueTrigger("%DELIVERY_QUEUE_NAME%")] string message, CancellationToken ct)
        => processor.ProcessAsync(DeliveryEnvelope.Parse(message), ct);

    [Function("RecordPoisonDelivery")]
    public async Task RecordPoison([QueueTrigger("%DELIVERY_QUEUE_NAME%-poison")] string message, CancellationToken ct)
    {
        DeliveryEnvelope envelope;
        try
        {
            envelope = DeliveryEnvelope.Parse(message);
        }
        catch (FormatException)
        {
            // Nothing to record against; the message holds ids only, so logging its length is all that is useful.
            logger.LogError("A malformed delivery message ({Length} characters) reached the poison queue and was dropped", message.Length);
            return;
        }

        await processor.RecordPoisonAsync(envelope, ct);
    }
}
