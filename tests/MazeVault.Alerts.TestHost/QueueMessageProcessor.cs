using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace MazeVault.Alerts.TestHost;

/// <summary>
/// Runs one received message through its queue-triggered function with the Storage Queues extension's semantics:
/// Base64 text, the message's metadata, delete on success, visible again after <c>visibilityTimeout</c> on failure,
/// and <c>&lt;queue&gt;-poison</c> once <c>maxDequeueCount</c> is reached (or the text is not Base64).
/// </summary>
internal sealed class QueueMessageProcessor(FunctionInvoker invoker, QueueOutputWriter clients, AppSettings settings)
{
    public async Task<QueueMessageOutcome> ProcessAsync(HostedFunction function, QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        // A message dequeued more often than allowed (e.g. the process died mid-run) goes to poison unprocessed.
        if (message.DequeueCount > settings.MaxDequeueCount || Decode(message.MessageText) is not { } text)
        {
            await PoisonAsync(function, queue, message, ct);
            return QueueMessageOutcome.Poisoned;
        }

        var invocationId = Guid.NewGuid().ToString();
        var (result, _) = await invoker.InvokeAsync(function, invocationId, new TypedData { String = text }, Metadata(message), ct);
        if (result.Succeeded)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            return QueueMessageOutcome.Succeeded;
        }

        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            await PoisonAsync(function, queue, message, ct);
            return QueueMessageOutcome.Poisoned;
        }

        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: ct);
        return QueueMessageOutcome.Failed;
    }

    public static string PoisonQueueName(string queueName) => queueName + "-poison";

    private async Task PoisonAsync(HostedFunction function, QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        var poison = clients.Client(function.Trigger["connection"], PoisonQueueName(queue.Name));
        await poison.CreateIfNotExistsAsync(cancellationToken: ct);
        await poison.SendMessageAsync(message.MessageText, ct);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
    }

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
}
