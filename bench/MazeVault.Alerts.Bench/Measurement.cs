using System.Diagnostics;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;

namespace MazeVault.Alerts.Bench;

/// <summary>
/// Wall time of one run, the highest managed heap seen during it (above the heap before it), and this process's CPU
/// time during it (on a shared machine, what the client side costs apart from waiting for storage).
/// </summary>
internal sealed record Measurement(TimeSpan Elapsed, long PeakHeapBytes, long Count, TimeSpan ClientCpu)
{
    public static async Task<Measurement> RunAsync(Func<Task<long>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(2);
            }
        });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var count = await run();
        stopwatch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await stop.CancelAsync();
        await sampler;
        return new Measurement(stopwatch.Elapsed, Math.Max(0, peak - baseline), count, cpu);
    }

    public static Measurement Median(IReadOnlyList<Measurement> runs) => runs.OrderBy(r => r.Elapsed).ElementAt(runs.Count / 2);
}

/// <summary>
/// Counts the storage requests the Azure SDK sends (its "Request" event fires once per HTTP request, retries included);
/// with a <c>uriContains</c>, only those whose URI contains it (e.g. one table's name).
/// </summary>
internal sealed class RequestCounter : IDisposable
{
    private readonly AzureEventSourceListener _listener;
    private long _count;

    public RequestCounter(string? uriContains = null)
    {
        _listener = new AzureEventSourceListener((e, _) =>
        {
            // The event's payload is (request id, method, URI, headers, client assembly).
            if (e.EventName == "Request" && (uriContains is null || e.Payload?.OfType<string>().Any(p => p.Contains(uriContains, StringComparison.Ordinal)) == true))
            {
                Interlocked.Increment(ref _count);
            }
        }, EventLevel.Informational);
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
