using System.Diagnostics;
using Azure.Storage.Queues.Models;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// Feeds the app's queue-triggered functions from storage, one <see cref="QueueListener"/> per trigger queue: either in
/// the background for the host's lifetime, as the real host does, or on a test's demand until the queues are idle.
/// </summary>
internal sealed class QueuePump(IReadOnlyList<HostedFunction> functions, QueueMessageProcessor processor, QueueOutputWriter clients, AppSettings settings)
{
    // How often a pump on demand looks for new messages and for idle queues: short, so a test does not wait on backoff.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly List<QueueListener> _listeners = functions
        .Where(f => f.Trigger.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase))
        .Select(f => new QueueListener(f, clients.Client(f.Trigger["connection"], settings.Resolve(f.Trigger["queueName"] ?? "", $"queue trigger of {f.Name}")), processor, settings))
        .ToList();

    /// <summary>The queues the app's queue triggers read, with their setting references resolved.</summary>
    public IReadOnlyList<string> QueueNames => _listeners.Select(l => l.Queue.Name).ToList();

    /// <summary>Listens on every trigger queue until <paramref name="stop"/>, backing off to host.json's <c>maxPollingInterval</c> on empty queues.</summary>
    public async Task ListenAsync(Action<Exception> onError, CancellationToken stop, CancellationToken ct)
    {
        // Storage may still be starting (npm start launches Azurite just before the host): report and try again.
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await CreateQueuesAsync(ct);
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                onError(e);
                await Task.WhenAny(Task.Delay(settings.MaxPollingInterval, stop)); // a stop ends the wait without an exception
            }
        }

        await Task.WhenAll(_listeners.Select(l => l.ListenAsync(settings.MaxPollingInterval, onError, stop, ct)));
    }

    /// <summary>Runs until every trigger queue is empty (visible or not) and nothing is in flight, or fails after <paramref name="timeout"/>.</summary>
    public async Task<QueuePumpResult> PumpUntilIdleAsync(TimeSpan timeout, CancellationToken ct)
    {
        var before = Totals();
        // Real elapsed time bounds the wait, even when the test drives the app with a fake clock.
        var elapsed = Stopwatch.StartNew();
        await CreateQueuesAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var listening = Task.WhenAll(_listeners.Select(l => l.ListenAsync(PollInterval, null, stop.Token, ct)));
        try
        {
            while (true)
            {
                await Task.WhenAny(listening, Task.Delay(PollInterval, ct));
                if (listening.IsFaulted)
                {
                    await listening;
                }

                // In flight first: a message being handled is still counted by its queue, and its outputs are written before it is deleted.
                if (_listeners.All(l => l.InFlight == 0) && await WaitingAsync(ct) is { Count: 0 })
                {
                    break;
                }

                // Checked on busy queues too: a function that keeps feeding its own queue must not pump forever.
                if (elapsed.Elapsed >= timeout)
                {
                    var so = Totals().Minus(before);
                    throw new TimeoutException(
                        $"Queues not idle after {timeout.TotalSeconds:0.#} s: {string.Join(", ", (await WaitingAsync(ct)).Select(w => $"{w.Key}={w.Value}"))} " +
                        $"(so far {so.Succeeded} succeeded, {so.Failed} failed, {so.Poisoned} poisoned).");
                }
            }
        }
        finally
        {
            stop.Cancel();
        }

        await listening;
        return Totals().Minus(before);
    }

    /// <summary>One receive from each trigger queue, its messages processed concurrently.</summary>
    public async Task<QueuePumpResult> PumpOnceAsync(CancellationToken ct)
    {
        var before = Totals();
        await CreateQueuesAsync(ct);
        await Task.WhenAll(_listeners.Select(l => l.ReceiveOnceAsync(ct)));
        return Totals().Minus(before);
    }

    private Task CreateQueuesAsync(CancellationToken ct) =>
        Task.WhenAll(_listeners.Select(l => l.Queue.CreateIfNotExistsAsync(cancellationToken: ct)));

    private QueuePumpResult Totals() => _listeners.Aggregate(new QueuePumpResult(0, 0, 0), (sum, l) => sum.Plus(l.Totals));

    private async Task<Dictionary<string, int>> WaitingAsync(CancellationToken ct)
    {
        var waiting = new Dictionary<string, int>();
        foreach (var listener in _listeners)
        {
            QueueProperties properties = await listener.Queue.GetPropertiesAsync(ct);
            if (properties.ApproximateMessagesCount > 0)
            {
                waiting[listener.Queue.Name] = properties.ApproximateMessagesCount;
            }
        }

        return waiting;
    }
}
