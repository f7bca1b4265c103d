using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// Feeds queue-triggered functions from storage with the Storage Queues extension's semantics: Base64 text,
/// the message's metadata, delete on success, visible again after <c>visibilityTimeout</c> on failure,
/// and <c>&lt;queue&gt;-poison</c> once <c>maxDequeueCount</c> is reached (or the text is not Base64).
/// </summary>
internal sealed class QueuePump(IReadOnlyList<HostedFunction> functions, FunctionInvoker invoker, QueueOutputWriter clients, AppSettings settings)
{
    // The extension holds a message this long while the function runs; failure shortens it to visibilityTimeout.
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly List<(HostedFunction Function, QueueClient Queue)> _triggers = functions
        .Where(f => f.Trigger.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase))
        .Select(f => (f, clients.Client(f.Trigger["connection"], settings.Resolve(f.Trigger["queueName"] ?? "", $"queue trigger of {f.Name}"))))
        .ToList();

    /// <summary>The queues the app's queue triggers read, with their setting references resolved.</summary>
    public IReadOnlyList<string> QueueNames => _triggers.Select(t => t.Queue.Name).ToList();

    /// <summary>Runs until every trigger queue is empty (visible or not) and nothing is in flight, or fails after <paramref name="timeout"/>.</summary>
    public async Task<QueuePumpResult> PumpUntilIdleAsync(TimeSpan timeout, CancellationToken ct)
    {
        var total = new QueuePumpResult(0, 0, 0);
        // Real elapsed time bounds the wait, even when the test drives the app with a fake clock.
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var round = await PumpOnceAsync(ct);
            total = new QueuePumpResult(total.Succeeded + round.Succeeded, total.Failed + round.Failed, total.Poisoned + round.Poisoned);
            var waiting = round.Processed > 0 ? null : await WaitingAsync(ct);
            if (waiting is { Count: 0 })
            {
                return total;
            }

            // Checked after busy rounds too: a function that keeps feeding its own queue must not pump forever.
            if (elapsed.Elapsed >= timeout)
            {
                waiting ??= await WaitingAsync(ct);
                throw new TimeoutException(
                    $"Queues not idle after {timeout.TotalSeconds:0.#} s: {string.Join(", ", waiting.Select(w => $"{w.Key}={w.Value}"))} " +
                    $"(so far {total.Succeeded} succeeded, {total.Failed} failed, {total.Poisoned} poisoned).");
            }

            if (round.Processed == 0)
            {
                await Task.Delay(PollInterval, ct);
            }
        }
    }

    /// <summary>Receives one batch from each trigger queue and processes it.</summary>
    public async Task<QueuePumpResult> PumpOnceAsync(CancellationToken ct)
    {
        int succeeded = 0, failed = 0, poisoned = 0;
        foreach (var (function, queue) in _triggers)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: ct);
            QueueMessage[] batch = await queue.ReceiveMessagesAsync(settings.QueueBatchSize, LeaseTime, ct);
            foreach (var message in batch)
            {
                switch (await ProcessAsync(function, queue, message, ct))
                {
                    case Outcome.Succeeded: succeeded++; break;
                    case Outcome.Failed: failed++; break;
                    case Outcome.Poisoned: poisoned++; break;
                }
            }
        }

        return new QueuePumpResult(succeeded, failed, poisoned);
    }

    private async Task<Outcome> ProcessAsync(HostedFunction function, QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        // A message dequeued more often than allowed (e.g. the process died mid-run) goes to poison unprocessed.
        if (message.DequeueCount > settings.MaxDequeueCount || Decode(message.MessageText) is not { } text)
        {
            await PoisonAsync(function, queue, message, ct);
            return Outcome.Poisoned;
        }

        var invocationId = Guid.NewGuid().ToString();
        var (result, _) = await invoker.InvokeAsync(function, invocationId, new TypedData { String = text }, Metadata(message), ct);
        if (result.Succeeded)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            return Outcome.Succeeded;
        }

        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            await PoisonAsync(function, queue, message, ct);
            return Outcome.Poisoned;
        }

        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: ct);
        return Outcome.Failed;
    }

    private async Task PoisonAsync(HostedFunction function, QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        var poison = clients.Client(function.Trigger["connection"], PoisonQueueName(queue.Name));
        await poison.CreateIfNotExistsAsync(cancellationToken: ct);
        await poison.SendMessageAsync(message.MessageText, ct);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
    }

    public static string PoisonQueueName(string queueName) => queueName + "-poison";

    private static string? Decode(string raw)
    {
        var buffer = new byte[raw.Length];
        return Convert.TryFromBase64String(raw, buffer, out var length) ? Encoding.UTF8.GetString(buffer, 0, length) : null;
    }

    // Numbers and times travel as JSON: the worker's converters reject TypedData.Int for these.
    private static Dictionary<string, TypedData> Metadata(QueueMessage message) => new()
    {
        ["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["Id"] = new TypedData { String = message.MessageId },
        ["PopReceipt"] = new TypedData { String = message.PopReceipt },
        ["InsertionTime"] = Json(message.InsertedOn),
        ["ExpirationTime"] = Json(message.ExpiresOn),
        ["NextVisibleTime"] = Json(message.NextVisibleOn),
    };

    private static TypedData Json(DateTimeOffset? time) => new() { Json = JsonSerializer.Serialize(time) };

    private async Task<Dictionary<string, int>> WaitingAsync(CancellationToken ct)
    {
        var waiting = new Dictionary<string, int>();
        foreach (var (_, queue) in _triggers)
        {
            QueueProperties properties = await queue.GetPropertiesAsync(ct);
            if (properties.ApproximateMessagesCount > 0)
            {
                waiting[queue.Name] = properties.ApproximateMessagesCount;
            }
        }

        return waiting;
    }

    private enum Outcome { Succeeded, Failed, Poisoned }
}
