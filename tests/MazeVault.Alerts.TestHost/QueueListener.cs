using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// One queue trigger's listener, run as the Storage Queues extension runs it: it receives up to <c>batchSize</c> messages,
/// processes them concurrently, and receives the next batch only once <c>newBatchThreshold</c> or fewer are still in
/// flight; an empty queue is polled again after a wait that doubles up to a maximum.
/// </summary>
internal sealed class QueueListener(HostedFunction function, QueueClient queue, QueueMessageProcessor processor, AppSettings settings)
{
    // The extension holds a message this long while the function runs; failure shortens it to visibilityTimeout.
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(100);
    private int _inFlight, _succeeded, _failed, _poisoned;

    public QueueClient Queue => queue;

    /// <summary>Messages received and not yet deleted, made visible again or poisoned.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Every outcome since the host started.</summary>
    public QueuePumpResult Totals => new(Volatile.Read(ref _succeeded), Volatile.Read(ref _failed), Volatile.Read(ref _poisoned));

    /// <summary>
    /// Listens until <paramref name="stop"/> is cancelled, then waits for the messages in flight (invocations run on
    /// <paramref name="ct"/>). A failure of storage or of the host's own handling is thrown, or passed to
    /// <paramref name="onError"/> and listening goes on.
    /// </summary>
    public async Task ListenAsync(TimeSpan maxPollInterval, Action<Exception>? onError, CancellationToken stop, CancellationToken ct)
    {
        var processing = new List<Task>();
        var poll = MinPollInterval;
        while (!stop.IsCancellationRequested)
        {
            // Not cancelled by stop: a receive cut off after the service dequeued would hide its messages for the lease.
            var batch = await ReceiveOrReportAsync(onError, ct);
            processing.AddRange(batch.Select(message => ProcessAsync(message, ct)));
            while (processing.Count > settings.NewBatchThreshold)
            {
                await ReapAsync(processing, await Task.WhenAny(processing), onError);
            }

            if (batch.Length > 0)
            {
                poll = MinPollInterval;
                continue;
            }

            await Task.WhenAny(processing.Append(Task.Delay(poll, stop)));
            foreach (var done in processing.Where(t => t.IsCompleted).ToList())
            {
                await ReapAsync(processing, done, onError);
            }

            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, Math.Max(maxPollInterval.Ticks, MinPollInterval.Ticks)));
        }

        while (processing.Count > 0)
        {
            await ReapAsync(processing, await Task.WhenAny(processing), onError);
        }
    }

    /// <summary>One receive, and every message of it processed concurrently.</summary>
    public async Task ReceiveOnceAsync(CancellationToken ct)
    {
        QueueMessage[] batch = await queue.ReceiveMessagesAsync(settings.QueueBatchSize, LeaseTime, ct);
        await Task.WhenAll(batch.Select(message => ProcessAsync(message, ct)));
    }

    private async Task<QueueMessage[]> ReceiveOrReportAsync(Action<Exception>? onError, CancellationToken ct)
    {
        try
        {
            return await queue.ReceiveMessagesAsync(settings.QueueBatchSize, LeaseTime, ct);
        }
        catch (Exception e) when (onError is not null && !ct.IsCancellationRequested)
        {
            onError(e);
            return [];
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken ct)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            switch (await processor.ProcessAsync(function, queue, message, ct))
            {
                case QueueMessageOutcome.Succeeded: Interlocked.Increment(ref _succeeded); break;
                case QueueMessageOutcome.Failed: Interlocked.Increment(ref _failed); break;
                case QueueMessageOutcome.Poisoned: Interlocked.Increment(ref _poisoned); break;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static async Task ReapAsync(List<Task> processing, Task done, Action<Exception>? onError)
    {
        processing.Remove(done);
        try
        {
            await done;
        }
        catch (Exception e) when (onError is not null)
        {
            onError(e);
        }
    }
}
