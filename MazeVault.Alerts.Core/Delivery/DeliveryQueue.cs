using System.Diagnostics;
using Azure.Storage.Queues;
using MazeVault.Alerts.Core.Storage;
using MazeVault.Alerts.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.Core.Delivery;

/// <summary>
/// Puts delivery envelopes on DELIVERY_QUEUE_NAME (Base64, as the queue trigger reads them), each stamped with the trace
/// context of its send span and the time it is due.
/// </summary>
public sealed class DeliveryQueue
{
    // Storage refuses a visibility timeout beyond seven days.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private readonly StorageClients _clients;
    private readonly string _queueName;
    private readonly TimeProvider _clock;
    private Lazy<Task<QueueClient>> _queue;

    public DeliveryQueue(StorageClients clients, IOptions<DeliveryOptions> options, TimeProvider clock)
    {
        _clients = clients;
        _queueName = options.Value.QueueName;
        _clock = clock;
        _queue = new Lazy<Task<QueueClient>>(CreateAsync);
    }

    public async Task EnqueueAsync(DeliveryEnvelope envelope, TimeSpan delay, CancellationToken ct)
    {
        using var activity = AlertsTelemetry.Source.StartActivity("delivery send", ActivityKind.Producer);
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", _queueName);
        activity?.SetTag("mazevault.delivery.id", envelope.DeliveryId);
        activity?.SetTag("mazevault.delivery.attempt", envelope.Attempt);
        var queue = await QueueAsync();
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay > MaxDelay ? MaxDelay : delay;
        // Without a span of ours (telemetry off) the ambient one, else the trace the message already continued.
        var stamped = envelope with
        {
            TraceParent = AlertsTelemetry.TraceParent(activity ?? Activity.Current) ?? envelope.TraceParent,
            DueAt = _clock.GetUtcNow() + (visibility ?? TimeSpan.Zero),
        };
        await queue.SendMessageAsync(stamped.ToJson(), visibility, cancellationToken: ct);
    }

    private async Task<QueueClient> QueueAsync()
    {
        var lazy = _queue;
        try
        {
            return await lazy.Value;
        }
        catch
        {
            // A failed creation (storage briefly down) must not stay cached for the life of the process.
            Interlocked.CompareExchange(ref _queue, new Lazy<Task<QueueClient>>(CreateAsync), lazy);
            throw;
        }
    }

    private async Task<QueueClient> CreateAsync()
    {
        // Azurite and fresh accounts start empty; in Azure the Bicep template made it and this is a no-op.
        var queue = _clients.Queue(_queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        return queue;
    }
}
