using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// Records the storage requests the Azure SDK sends while it lives (its "Request" event fires once per HTTP request,
/// retries included), as method and URI: what a test or the benchmark counts as storage transactions.
/// </summary>
public sealed class StorageRequestCounter : IDisposable
{
    private readonly AzureEventSourceListener _listener;
    private readonly ConcurrentQueue<(string Method, string Uri)> _requests = new();

    public StorageRequestCounter()
    {
        _listener = new AzureEventSourceListener((e, _) =>
        {
            // The event's payload is (request id, method, URI, headers, client assembly).
            if (e.EventName == "Request" && e.Payload is { Count: >= 3 } payload)
            {
                _requests.Enqueue((payload[1]?.ToString() ?? "", payload[2]?.ToString() ?? ""));
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
