using System.Diagnostics;

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

    /// <summary>
    /// The most memory <paramref name="run"/> holds at once, above what was held before it: the managed heap after a full
    /// collection, taken every 250 ms while it runs. Garbage not yet collected, which the peak heap of a timed run
    /// includes and which grows with the collector's own budgets on a long run, is not counted. The collections slow
    /// the run, so it is a pass of its own, never timed.
    /// </summary>
    public static async Task<long> RetainedPeakAsync(Func<Task> run)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        var running = run();
        while (await Task.WhenAny(running, Task.Delay(250)) != running)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        }

        await running;
        return Math.Max(0, peak - baseline);
    }
}
