using System.Collections.Concurrent;
using System.Diagnostics;
using MazeVault.Alerts.Core.Delivery;
using MazeVault.Alerts.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MazeVault.Alerts.TestSupport;

/// <summary>
/// The queue trigger of several instances, for tests and the benchmark: each instance (a service provider on the shared
/// storage account) runs concurrent workers that receive from its delivery queue, process each message and delete it, as
/// the Functions host does. Returns what each instance's processor answered.
/// </summary>
public static class DeliveryWorkers
{
    // One message per receive: the workers share the queue fairly, as the host spreads a batch over parallel invocations.
    private const int BatchSize = 1;
    // An idle worker polls again after 50 ms, doubling to 500 ms, as the host backs off an empty queue (much faster, for tests).
    private static readonly TimeSpan FirstIdlePoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxIdlePoll = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs until <paramref name="done"/> says so (asked when a worker finds the queue empty), or throws after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<ProcessResult>[]> RunUntilAsync(
        IReadOnlyList<IServiceProvider> instances, int workersPerInstance, Func<Task<bool>> done, TimeSpan timeout)
    {
        using var stop = new CancellationTokenSource();
        var elapsed = Stopwatch.StartNew();
        var results = instances.Select(_ => new ConcurrentQueue<ProcessResult>()).ToArray();
        var workers = instances.SelectMany((instance, index) => Enumerable.Range(0, workersPerInstance).Select(_ => Task.Run(async () =>
        {
            var processor = instance.GetRequiredService<DeliveryProcessor>();
            var queue = instance.GetRequiredService<StorageClients>().Queue(instance.GetRequiredService<IOptions<DeliveryOptions>>().Value.QueueName);
            var idlePoll = FirstIdlePoll;
            while (!stop.IsCancellationRequested)
            {
                var batch = (await queue.ReceiveMessagesAsync(BatchSize, TimeSpan.FromMinutes(1), stop.Token)).Value;
                // A message once received is finished even when the run stops meanwhile, so its ledger row is final.
                foreach (var message in batch)
                {
                    results[index].Enqueue(await processor.ProcessAsync(DeliveryEnvelope.Parse(message.MessageText), CancellationToken.None));
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                }

                if (batch.Length > 0)
                {
                    idlePoll = FirstIdlePoll;
                    continue;
                }

                if (await done())
                {
                    await stop.CancelAsync();
                }
                else if (elapsed.Elapsed > timeout)
                {
                    throw new TimeoutException($"The delivery workers were not done after {timeout.TotalSeconds:0} s.");
                }
                else
                {
                    await Task.Delay(idlePoll, stop.Token);
                    idlePoll = TimeSpan.FromTicks(Math.Min(MaxIdlePoll.Ticks, idlePoll.Ticks * 2));
                }
            }
        }))).ToList();
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // One worker saw the work done and stopped the others mid-wait.
        }

        return results.Select(r => (IReadOnlyList<ProcessResult>)r.ToList()).ToArray();
    }
}
