using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace MazeVault.Alerts.TestHost;

/// <summary>Writes a function's queue output bindings, as the host does with the data in the InvocationResponse.</summary>
internal sealed class QueueOutputWriter(AppSettings settings)
{
    public async Task WriteAsync(HostedFunction function, InvocationResponse response, CancellationToken ct)
    {
        foreach (var binding in function.Bindings.Where(b => b.IsOutput && b.Type.Equals("queue", StringComparison.OrdinalIgnoreCase)))
        {
            var data = binding.Name == "$return"
                ? response.ReturnValue
                : response.OutputData.FirstOrDefault(o => o.Name == binding.Name)?.Data;
            var messages = Messages(data).ToList();
            if (messages.Count == 0)
            {
                continue;
            }

            var queue = Client(binding["connection"], settings.Resolve(binding["queueName"] ?? binding.Name, $"queue output of {function.Name}"));
            await queue.CreateIfNotExistsAsync(cancellationToken: ct);
            foreach (var message in messages)
            {
                await queue.SendMessageAsync(Convert.ToBase64String(message), ct);
            }
        }
    }

    /// <summary>A raw client: the host does the Base64 step itself, so a message that is not Base64 can be seen as such.</summary>
    public QueueClient Client(string? connection, string queueName) =>
        new(settings.ConnectionString(connection), queueName);

    // One message per item: a JSON array is a collection output, anything else is one message.
    private static IEnumerable<byte[]> Messages(TypedData? data)
    {
        switch (data?.DataCase)
        {
            case TypedData.DataOneofCase.String:
                yield return Encoding.UTF8.GetBytes(data.String);
                break;
            case TypedData.DataOneofCase.Bytes:
                yield return data.Bytes.ToByteArray();
                break;
            case TypedData.DataOneofCase.Json:
                using (var document = JsonDocument.Parse(data.Json))
                {
                    var items = document.RootElement.ValueKind == JsonValueKind.Array
                        ? document.RootElement.EnumerateArray().ToList()
                        : [document.RootElement];
                    foreach (var item in items)
                    {
                        yield return Encoding.UTF8.GetBytes(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                    }
                }

                break;
            case TypedData.DataOneofCase.CollectionString:
                foreach (var text in data.CollectionString.String)
                {
                    yield return Encoding.UTF8.GetBytes(text);
                }

                break;
            case TypedData.DataOneofCase.CollectionBytes:
                foreach (var bytes in data.CollectionBytes.Bytes)
                {
                    yield return bytes.ToByteArray();
                }

                break;
        }
    }
}
