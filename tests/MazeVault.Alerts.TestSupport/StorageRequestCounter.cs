using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// Records the storage requests the Azure SDK sends while it lives (its "Request" event fires once per HTTP request,
/// retries included), as method and URI: what a test or the benchmark counts as storage transactions. The SDK's event
/// is process-wide, so a test passes its own Azurite: requests of test classes running beside it are not counted.
/// </summary>
public sealed class StorageRequestCounter : IDisposable
{
    private readonly AzureEventSourceListener _listener;
    private readonly ConcurrentQueue<(string Method, string Uri)> _requests = new();

    public StorageRequestCounter(AzuriteFixture? only = null)
    {
        var endpoints = only is null ? null : new[] { only.BlobPort, only.QueuePort, only.TablePort }.Select(port => $"://127.0.0.1:{port}/").ToArray();
        _listener = new AzureEventSourceListener((e, _) =>
        {
            // The event's payload is (request id, method, URI, headers, client assembly).
            if (e.EventName == "Request" && e.Payload is { Count: >= 3 } payload && payload[2]?.ToString() is { } uri
                && (endpoints is null || endpoints.Any(endpoint => uri.Contains(endpoint, StringComparison.Ordinal))))
            {
                _requests.Enqueue((payload[1]?.ToString() ?? "", uri));
            }
        }, EventLevel.Informational);
    }

    public IReadOnlyList<(string Method, string Uri)> Requests => _requests.ToArray();

    public int Count => _requests.Count;

    /// <summary>Requests whose URI contains <paramref name="uriContains"/> (a table or queue name), of <paramref name="method"/> if given.</summary>
    public int CountOf(string uriContains, string? method = null) =>
        Requests.Count(r => r.Uri.Contains(uriContains, StringComparison.Ordinal) && (method is null || r.Method == method));

    public void Dispose() => _listener.Dispose();
}
